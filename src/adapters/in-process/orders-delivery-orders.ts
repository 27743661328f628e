import type { DeliveryOrders, OrderForDelivery } from '../../application/delivery/ports/delivery-orders.js';
import type { OrderRepository } from '../../application/orders/ports/order-repository.js';
import { sellerIdsOf } from '../../domain/orders/order.js';

/** The delivery module's view of orders, served in-process by the orders module (an HTTP call after a split). */
export class OrdersDeliveryOrders implements DeliveryOrders {
  constructor(private readonly orders: OrderRepository) {}

  async order(orderId: string): Promise<OrderForDelivery | null> {
    const order = await this.orders.findById(orderId);
    return order && { id: order.id, buyerId: order.buyerId, sellerIds: sellerIdsOf(order), status: order.status };
  }
}
