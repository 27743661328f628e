import type { Order } from '../../../domain/orders/order.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';
import type { OrderFilter, OrderRepository } from '../ports/order-repository.js';

/** Every placed order, for an admin: by status, buyer and/or seller, newest first. */
export class ListAllOrders {
  constructor(private readonly orders: OrderRepository) {}

  execute(filter: Pick<OrderFilter, 'status' | 'buyerId' | 'sellerId'>, page: PageRequest): Promise<Page<Order>> {
    return this.orders.list(filter, page);
  }
}
