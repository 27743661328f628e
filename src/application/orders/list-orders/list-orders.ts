import type { Order } from '../../../domain/orders/order.js';
import type { Actor } from '../../shared/actor.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';
import type { OrderRepository } from '../ports/order-repository.js';

/** A buyer's own orders, or (`role=seller`) the orders with the caller's listings. */
export class ListOrders {
  constructor(private readonly orders: OrderRepository) {}

  execute(actor: Actor, role: 'buyer' | 'seller', page: PageRequest): Promise<Page<Order>> {
    return role === 'seller' ? this.orders.listBySeller(actor.userId, page) : this.orders.listByBuyer(actor.userId, page);
  }
}
