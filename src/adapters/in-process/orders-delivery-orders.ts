import type { DeliveryOrders, OrderForDelivery } from '../../application/delivery/ports/delivery-orders.js';
import type { OrdersApi } from '../../application/orders/public.js';

/**
 * The delivery module's view of orders, served in-process by the orders module's public API (an HTTP call after a
 * split).
 */
export class OrdersDeliveryOrders implements DeliveryOrders {
  constructor(private readonly orders: OrdersApi) {}

  order(orderId: string): Promise<OrderForDelivery | null> {
    return this.orders.order(orderId);
  }
}
