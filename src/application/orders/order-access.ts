import { isPlaced, orderErrors, sellerIdsOf, type Order } from '../../domain/orders/order.js';
import { isAdmin, type Actor } from '../shared/actor.js';
import type { OrderRepository } from './ports/order-repository.js';

/**
 * Its buyer, a seller of its items, its courier and admins may see an order; for anyone else it
 * does not exist (404), nor for anyone while it is `placing` or when it `failed` (internal states).
 */
export async function loadVisibleOrder(orders: OrderRepository, id: string, actor: Actor): Promise<Order> {
  const order = await orders.findById(id);
  if (!order || !isPlaced(order) || !maySee(order, actor)) throw orderErrors.notFound();
  return order;
}

function maySee(order: Order, actor: Actor): boolean {
  const { userId } = actor;
  return (
    order.buyerId === userId || sellerIdsOf(order).includes(userId) || order.courierId === userId || isAdmin(actor)
  );
}
