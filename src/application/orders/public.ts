/** An order as another module sees it. */
export interface OrderSummary {
  id: string;
  buyerId: string;
  /** The sellers of its items, each once. */
  sellerIds: string[];
  /** Its status (`paid`, `shipped`, `cancelled`...). */
  status: string;
}

/**
 * What other modules may ask of the orders module: its public API (served in-process by
 * `OrdersPublicApi`; an HTTP API after a split).
 */
export interface OrdersApi {
  order(orderId: string): Promise<OrderSummary | null>;
}
export const OrdersApi = Symbol.for('OrdersApi');
