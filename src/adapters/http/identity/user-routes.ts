import type { IdentityUseCases } from '../../../application/identity/use-cases.js';
import type { ApiRouter } from '../api-router.js';
import { presentDevice, presentUser } from './identity-presenter.js';
import {
  deviceBody,
  deviceSchema,
  deviceTokenParams,
  kycSubmissionBody,
  updateProfileBody,
  userSchema,
} from './identity-schemas.js';
import { resourcePath } from '../created-location.js';

const tag = 'Users';
const unauthenticated = { 401: { description: 'not signed in' } };

export function userRoutes(api: ApiRouter, useCases: IdentityUseCases): void {
  api.route({
    method: 'get',
    path: '/users/me',
    operationId: 'getCurrentUser',
    tag,
    summary: 'The signed-in user',
    auth: true,
    responses: { 200: { description: 'the user', schema: userSchema }, ...unauthenticated },
    handler: async ({ principal }) => ({
      status: 200,
      body: presentUser(await useCases.getCurrentUser.execute(principal.userId)),
    }),
  });
  api.route({
    method: 'patch',
    path: '/users/me',
    operationId: 'updateCurrentUser',
    tag,
    summary: 'Edit display name, phone or address (roles and KYC cannot be set here)',
    auth: true,
    body: updateProfileBody,
    responses: {
      200: { description: 'updated', schema: userSchema },
      400: { description: 'bad or forbidden field' },
      ...unauthenticated,
    },
    handler: async ({ principal, body }) => ({
      status: 200,
      body: presentUser(await useCases.updateProfile.execute(principal.userId, body)),
    }),
  });
  api.route({
    method: 'post',
    path: '/users/me/kyc',
    operationId: 'submitKyc',
    tag,
    summary: 'Submit identity documents for KYC review',
    auth: true,
    body: kycSubmissionBody,
    responses: {
      202: { description: 'KYC pending', schema: userSchema },
      409: { description: 'KYC already pending or verified' },
      ...unauthenticated,
    },
    handler: async ({ principal, body }) => ({
      status: 202,
      body: presentUser(await useCases.submitKyc.execute(principal.userId, body.documentMediaIds)),
    }),
  });
  api.route({
    method: 'post',
    path: '/users/me/devices',
    operationId: 'registerDevice',
    tag,
    summary: 'Register a push device token (idempotent per token)',
    auth: true,
    body: deviceBody,
    responses: { 201: { description: 'registered', schema: deviceSchema }, ...unauthenticated },
    handler: async ({ principal, body }) => {
      const { device } = await useCases.registerDevice.execute(principal.userId, body.token, body.platform);
      return { status: 201, body: presentDevice(device) };
    },
    // Where the device is forgotten (DELETE); there is no GET of one device.
    location: ({ token }) => resourcePath('users', 'me', 'devices', token),
  });
  api.route({
    method: 'delete',
    path: '/users/me/devices/:token',
    operationId: 'removeDevice',
    tag,
    summary: 'Forget a push device token',
    auth: true,
    params: deviceTokenParams,
    responses: {
      204: { description: 'removed' },
      404: { description: 'no such token for this user' },
      ...unauthenticated,
    },
    handler: async ({ principal, params }) => {
      await useCases.removeDevice.execute(principal.userId, params.token);
      return { status: 204 };
    },
  });
}
