import type { IdentityUseCases } from '../../../application/identity/use-cases.js';
import type { ApiRouter } from '../api-router.js';
import { listReply, pageAndFilter } from '../list-replies.js';
import { presentUser, presentUserForAdmin } from './identity-presenter.js';
import { adminUserSchema, adminUsersQuery, userIdParams, userPageSchema } from './identity-schemas.js';

const tag = 'Admin';
const refused = { 401: { description: 'not signed in' }, 403: { description: 'not an admin' } };

export function adminUserRoutes(api: ApiRouter, useCases: IdentityUseCases): void {
  api.route({
    method: 'get',
    path: '/admin/users',
    operationId: 'listUsers',
    tag,
    summary: 'Users, newest first, by KYC status, role, or part of the email or display name (q)',
    auth: ['admin'],
    query: adminUsersQuery,
    responses: {
      200: { description: 'a page of users', schema: userPageSchema },
      400: { description: 'bad filter or cursor' },
      ...refused,
    },
    handler: async ({ query }) => {
      const { page, filter } = pageAndFilter(query);
      return listReply(await useCases.listUsers.execute(filter, page), presentUser);
    },
  });
  api.route({
    method: 'get',
    path: '/admin/users/:id',
    operationId: 'getUser',
    tag,
    summary: 'A user with their KYC: dates, decision, and each document with a short-lived download link',
    auth: ['admin'],
    params: userIdParams,
    responses: {
      200: { description: 'the user', schema: adminUserSchema },
      404: { description: 'no such user' },
      ...refused,
    },
    handler: async ({ params }) => ({
      status: 200,
      body: presentUserForAdmin(await useCases.getUserForAdmin.execute(params.id)),
    }),
  });
}
