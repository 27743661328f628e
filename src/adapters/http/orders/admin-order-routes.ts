import type { OrderUseCases } from '../../../application/orders/use-cases.js';
import type { ApiRouter } from '../api-router.js';
import { listReply, pageAndFilter } from '../list-replies.js';
import { presentOrder } from './order-routes.js';
import { adminOrdersQuery, orderPageSchema } from './order-schemas.js';

export function adminOrderRoutes(api: ApiRouter, useCases: OrderUseCases): void {
  api.route({
    method: 'get',
    path: '/admin/orders',
    operationId: 'listAllOrders',
    tag: 'Admin',
    summary: 'Every order, newest first, by status, buyer and/or seller',
    auth: ['admin'],
    query: adminOrdersQuery,
    responses: {
      200: { description: 'a page of orders', schema: orderPageSchema },
      400: { description: 'bad filter or cursor' },
      401: { description: 'not signed in' },
      403: { description: 'not an admin' },
    },
    handler: async ({ query }) => {
      const { page, filter } = pageAndFilter(query);
      return listReply(await useCases.listAllOrders.execute(filter, page), presentOrder);
    },
  });
}
