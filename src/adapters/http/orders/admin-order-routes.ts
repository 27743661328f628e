import type { Container } from 'inversify';
import { ListAllOrders } from '../../../application/orders/list-all-orders/list-all-orders.js';
import type { ApiRouter } from '../api-router.js';
import { listReply, pageAndFilter } from '../list-replies.js';
import { presentOrder } from './order-routes.js';
import { adminOrdersQuery, orderPageSchema } from './order-schemas.js';

export function adminOrderRoutes(api: ApiRouter, container: Container): void {
  api.route({
    method: 'get',
    path: '/admin/orders',
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
      return listReply(await container.get(ListAllOrders).execute(filter, page), presentOrder);
    },
  });
}
