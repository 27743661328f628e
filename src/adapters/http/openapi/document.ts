import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from './zod-openapi.js';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({ example: 'AUTH_INVALID_CREDENTIALS' }),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  registry.register('Problem', problemSchema);
  return registry;
}

export function generateDocument(registry: OpenAPIRegistry): object {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Uty API',
      version: '1.0.0',
      description:
        'Marketplace backend: listings, auctions, cart, orders, delivery, notifications. ' +
        'Events and Socket.IO: the [AsyncAPI document](/asyncapi.json). Every error code: docs/errors.md.',
      // The API is not open source: its terms are those of the service (uty.dev, the problem types' host).
      license: { name: 'Proprietary', url: 'https://uty.dev/terms' },
      contact: { name: 'Uty API team', url: 'https://uty.dev/support', email: 'api@uty.dev' },
    },
    servers: [{ url: '/api/v1' }],
  });
}
