import { isPlaced, orderErrors, sellerIdsOf, type Order } from '../../domain/orders/order.js';
import { isAdmin, type Actor } from '../shared/actor.js';
import type { OrderRepository } from './ports/order-repository.js';

/**
 * Its buyer, a seller of its items, its courier and admins may see an order; for anyone else it
 * does not exist (404), nor for anyone while it is `placing` or when it `failed` (internal states).
 */
export async function loadVisibleOrder(orders: OrderRepository, id: string, actor: Actor): Promise<Order> {
  const order = await orders.findById(id);
  const visible = order && isPlaced(order) && (order.buyerId === actor.userId || sellerIdsOf(order).includes(actor.userId) || order.courierId === actor.userId || isAdmin(actor));
  if (!order || !visible) throw orderErrors.notFound();
  return order;
}
