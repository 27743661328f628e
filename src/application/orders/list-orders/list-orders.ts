import type { Order } from '../../../domain/orders/order.js';
import type { Actor } from '../../shared/actor.js';
import type { Page, PageRequest } from '../../shared/ports/page.js';
import type { OrderFilter, OrderRepository } from '../ports/order-repository.js';

export type OrderRole = 'buyer' | 'seller' | 'courier';

const filterFor: Record<OrderRole, (userId: string) => OrderFilter> = {
  buyer: (buyerId) => ({ buyerId }),
  seller: (sellerId) => ({ sellerId }),
  courier: (courierId) => ({ courierId }),
};

/** The caller's orders as buyer, as seller (orders with their listings), or as courier (orders of their deliveries). */
export class ListOrders {
  constructor(private readonly orders: OrderRepository) {}

  execute(actor: Actor, role: OrderRole, page: PageRequest): Promise<Page<Order>> {
    return this.orders.list(filterFor[role](actor.userId), page);
  }
}
