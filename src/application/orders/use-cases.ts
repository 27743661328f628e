import type { CancelOrder } from './cancel-order/cancel-order.js';
import type { CreateOrder } from './create-order/create-order.js';
import type { GetOrder } from './get-order/get-order.js';
import type { ListAllOrders } from './list-all-orders/list-all-orders.js';
import type { ListOrders } from './list-orders/list-orders.js';
import type { PayOrder } from './pay-order/pay-order.js';

/** The orders use cases its driving adapters (the HTTP routes) call, bound by its composition. */
export interface OrderUseCases {
  createOrder: CreateOrder;
  listOrders: ListOrders;
  getOrder: GetOrder;
  payOrder: PayOrder;
  cancelOrder: CancelOrder;
  listAllOrders: ListAllOrders;
}
export const OrderUseCases = Symbol.for('OrderUseCases');
