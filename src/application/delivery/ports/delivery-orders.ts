/** What a delivery needs to know of an order, served by the orders module. */
export interface OrderForDelivery {
  id: string;
  buyerId: string;
  sellerIds: string[];
  /** The order's status (`paid`, `shipped`, `cancelled`...). */
  status: string;
}

export interface DeliveryOrders {
  order(orderId: string): Promise<OrderForDelivery | null>;
}
export const DeliveryOrders = Symbol.for('DeliveryOrders');
