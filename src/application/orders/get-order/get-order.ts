import type { Order } from '../../../domain/orders/order.js';
import type { Actor } from '../../shared/actor.js';
import { loadVisibleOrder } from '../order-access.js';
import type { OrderRepository } from '../ports/order-repository.js';

export class GetOrder {
  constructor(private readonly orders: OrderRepository) {}

  execute(actor: Actor, orderId: string): Promise<Order> {
    return loadVisibleOrder(this.orders, orderId, actor);
  }
}
