import type { DeliveryUseCases } from '../../../application/delivery/use-cases.js';
import type { ApiRouter } from '../api-router.js';
import { listReply, pageAndFilter } from '../list-replies.js';
import { presentDeliverySummary } from './delivery-presenter.js';
import { deliveryPageSchema, listDeliveriesQuery } from './delivery-schemas.js';

export function deliveryListRoutes(api: ApiRouter, useCases: DeliveryUseCases): void {
  api.route({
    method: 'get',
    path: '/deliveries',
    operationId: 'listDeliveries',
    tag: 'Delivery',
    summary:
      "A courier's own deliveries (an admin's: every delivery), newest first, by status; without their tracks (GET " +
      '/deliveries/:id has it)',
    auth: ['courier', 'admin'],
    query: listDeliveriesQuery,
    responses: {
      200: { description: 'a page of deliveries', schema: deliveryPageSchema },
      400: { description: 'bad status or cursor' },
      401: { description: 'not signed in' },
      403: { description: 'neither a courier nor an admin' },
    },
    handler: async ({ principal, query }) => {
      const { page, filter } = pageAndFilter(query);
      return listReply(await useCases.listDeliveries.execute(principal, filter.status, page), presentDeliverySummary);
    },
  });
}
