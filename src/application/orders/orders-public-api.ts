import { sellerIdsOf } from '../../domain/orders/order.js';
import type { OrderRepository } from './ports/order-repository.js';
import type { OrdersApi, OrderSummary } from './public.js';

/** The orders module's public API, over its orders. */
export class OrdersPublicApi implements OrdersApi {
  constructor(private readonly orders: OrderRepository) {}

  async order(orderId: string): Promise<OrderSummary | null> {
    const order = await this.orders.findById(orderId);
    return order && { id: order.id, buyerId: order.buyerId, sellerIds: sellerIdsOf(order), status: order.status };
  }
}
