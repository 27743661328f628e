import type { Order } from '../../../domain/orders/order.js';
import type { OrderUseCases } from '../../../application/orders/use-cases.js';
import type { ApiRouter } from '../api-router.js';
import { optionalIdempotencyKey, requiredIdempotencyKey } from '../idempotency-key-header.js';
import {
  createOrderBody,
  listOrdersQuery,
  orderIdParams,
  orderPageSchema,
  orderSchema,
  payOrderBody,
} from './order-schemas.js';
import { resourcePath } from '../created-location.js';

const tag = 'Orders';
const signedIn = { 401: { description: 'not signed in' } };
const notFound = { 404: { description: 'no such order, or not yours to see' } };

const iso = <K extends string>(key: K, date: Date | undefined) =>
  (date ? { [key]: date.toISOString() } : {}) as Partial<Record<K, string>>;

export function presentOrder(order: Order) {
  const {
    version: _version,
    updatedAt: _updatedAt,
    checkoutKey: _checkoutKey,
    createdAt,
    paidAt,
    cancelledAt,
    payBy,
    payment,
    refund,
    ...rest
  } = order;
  return {
    ...rest,
    createdAt: createdAt.toISOString(),
    ...iso('paidAt', paidAt),
    ...iso('payBy', payBy),
    ...iso('cancelledAt', cancelledAt),
    ...(payment ? { payment: { ...payment, paidAt: payment.paidAt.toISOString() } } : {}),
    ...(refund ? { refund: { ...refund, refundedAt: refund.refundedAt.toISOString() } } : {}),
  };
}

export function orderRoutes(api: ApiRouter, useCases: OrderUseCases): void {
  api.route({
    method: 'post',
    path: '/orders',
    operationId: 'createOrder',
    idempotencyKey: 'required',
    tag,
    summary:
      "Order the cart's live reservations (header Idempotency-Key required: the same key and body answer the same " +
      'order)',
    auth: ['buyer'],
    body: createOrderBody,
    responses: {
      201: { description: 'the order', schema: orderSchema },
      400: { description: 'bad input or no Idempotency-Key' },
      409: { description: 'empty cart, expired reservation, or key reused with another body' },
      ...signedIn,
    },
    handler: async ({ principal, body, req }) => {
      const order = await useCases.createOrder.execute({
        buyerId: principal.userId,
        idempotencyKey: requiredIdempotencyKey(req),
        shippingAddress: body.shippingAddress,
      });
      return { status: 201, body: presentOrder(order) };
    },
    location: ({ id }) => resourcePath('orders', id),
  });
  api.route({
    method: 'get',
    path: '/orders',
    operationId: 'listOrders',
    tag,
    summary:
      'Your orders as buyer, or (role=seller) the orders with your listings, or (role=courier) the orders of your ' +
      'deliveries; newest first',
    auth: true,
    query: listOrdersQuery,
    responses: { 200: { description: 'a page of orders', schema: orderPageSchema }, ...signedIn },
    handler: async ({ principal, query }) => {
      const page = await useCases.listOrders.execute(principal, query.role, {
        limit: query.limit,
        cursor: query.cursor,
      });
      return { status: 200, body: { items: page.items.map(presentOrder), nextCursor: page.nextCursor } };
    },
  });
  api.route({
    method: 'get',
    path: '/orders/:id',
    operationId: 'getOrder',
    tag,
    summary: 'An order: its buyer, the sellers of its items and admins',
    auth: true,
    params: orderIdParams,
    responses: { 200: { description: 'the order', schema: orderSchema }, ...notFound, ...signedIn },
    handler: async ({ principal, params }) => ({
      status: 200,
      body: presentOrder(await useCases.getOrder.execute(principal, params.id)),
    }),
  });
  api.route({
    method: 'post',
    path: '/orders/:id/pay',
    operationId: 'payOrder',
    idempotencyKey: 'optional',
    tag,
    summary:
      'Pay a pending order before its payBy (test provider: test_card pays, test_card_declined is refused with 402); ' +
      'the answer has payment { id, amount, paidAt }. ' +
      'Optional header Idempotency-Key: the same key and body answer the first answer again and pay once',
    auth: true,
    params: orderIdParams,
    body: payOrderBody,
    responses: {
      200: { description: 'paid', schema: orderSchema },
      400: { description: 'no shipping address on the order nor in the body, or an invalid Idempotency-Key' },
      402: { description: 'payment declined; the order stays pending_payment' },
      409: {
        description:
          'not pending payment, past its payBy (ORDER_PAYMENT_EXPIRED), or the Idempotency-Key was used with another ' +
          'body',
      },
      ...notFound,
      ...signedIn,
    },
    handler: async ({ principal, params, body, req }) => {
      const { paymentMethod, shippingAddress } = body;
      const command = {
        orderId: params.id,
        paymentMethod,
        shippingAddress,
        idempotencyKey: optionalIdempotencyKey(req),
      };
      return { status: 200, body: presentOrder(await useCases.payOrder.execute(principal, command)) };
    },
  });
  api.route({
    method: 'post',
    path: '/orders/:id/cancel',
    operationId: 'cancelOrder',
    tag,
    summary:
      'Cancel before shipping (buyer or admin); the stock goes back, and a paid order is refunded in full first ' +
      '(refund { id, amount, refundedAt }). ' +
      'Of cancels sent at once, one answers 200 and the others 409 ORDER_INVALID_TRANSITION (orderStatus cancelled), ' +
      'as a later repeat does; the refund is made once',
    auth: true,
    params: orderIdParams,
    responses: {
      200: { description: 'cancelled (with its refund when it was paid)', schema: orderSchema },
      409: {
        description:
          'already shipped, delivered or cancelled (also the loser of racing cancels), or the refund was refused ' +
          '(ORDER_REFUND_FAILED)',
      },
      ...notFound,
      ...signedIn,
    },
    handler: async ({ principal, params }) => ({
      status: 200,
      body: presentOrder(await useCases.cancelOrder.execute(principal, params.id)),
    }),
  });
}
