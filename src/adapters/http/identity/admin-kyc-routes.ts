import type { IdentityUseCases } from '../../../application/identity/use-cases.js';
import type { ApiRouter } from '../api-router.js';
import { presentUser } from './identity-presenter.js';
import { kycDecisionBody, userIdParams, userSchema } from './identity-schemas.js';

const decisions = [
  { action: 'approve', verdict: 'verified' },
  { action: 'reject', verdict: 'rejected' },
] as const;

export function adminKycRoutes(api: ApiRouter, useCases: IdentityUseCases): void {
  for (const { action, verdict } of decisions) {
    api.route({
      method: 'post',
      path: `/admin/users/:id/kyc/${action}`,
      operationId: `${action}Kyc`,
      tag: 'Admin',
      summary: `${action === 'approve' ? 'Approve' : 'Reject'} a pending KYC`,
      auth: ['admin'],
      params: userIdParams,
      body: kycDecisionBody,
      responses: {
        200: { description: `KYC ${verdict}`, schema: userSchema },
        403: { description: 'not an admin' },
        404: { description: 'no such user' },
        409: { description: 'KYC is not pending' },
      },
      handler: async ({ principal, params, body }) => ({
        status: 200,
        body: presentUser(
          await useCases.decideKyc.execute({
            adminId: principal.userId,
            userId: params.id,
            verdict,
            reason: body.reason,
          }),
        ),
      }),
    });
  }
}
