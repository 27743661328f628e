import type { CatalogUseCases } from '../../../application/catalog/use-cases.js';
import type { ApiRouter } from '../api-router.js';
import { presentCategory, presentCategoryNode } from './catalog-presenter.js';
import {
  categorySchema,
  categoryTreeSchema,
  createCategoryBody,
  idParams,
  updateCategoryBody,
} from './catalog-schemas.js';
import { resourcePath } from '../created-location.js';

const tag = 'Categories';
const adminOnly = { 401: { description: 'not signed in' }, 403: { description: 'not an admin' } };

export function categoryRoutes(api: ApiRouter, useCases: CatalogUseCases): void {
  api.route({
    method: 'get',
    path: '/categories',
    operationId: 'listCategories',
    tag,
    summary: 'The whole category tree',
    responses: { 200: { description: 'the tree', schema: categoryTreeSchema } },
    handler: async () => ({
      status: 200,
      body: { items: (await useCases.getCategoryTree.execute()).map(presentCategoryNode) },
    }),
  });
  api.route({
    method: 'get',
    path: '/categories/:id',
    operationId: 'getCategory',
    tag,
    summary: 'One category, with its attributes (own and inherited from its ancestors)',
    params: idParams,
    responses: {
      200: { description: 'the category', schema: categorySchema },
      404: { description: 'no such category' },
    },
    handler: async ({ params }) => {
      const { category, attributes } = await useCases.getCategory.execute(params.id);
      return { status: 200, body: presentCategory(category, attributes) };
    },
  });
  api.route({
    method: 'post',
    path: '/categories',
    operationId: 'createCategory',
    tag,
    summary: 'Create a category (admin)',
    auth: ['admin'],
    body: createCategoryBody,
    responses: {
      201: { description: 'created', schema: categorySchema },
      400: { description: 'bad input' },
      409: { description: 'an attribute redefines an inherited one, or a sibling has this name' },
      ...adminOnly,
    },
    handler: async ({ principal, body }) => {
      const category = await useCases.createCategory.execute({ adminId: principal.userId, ...body });
      const { attributes } = await useCases.getCategory.execute(category.id);
      return { status: 201, body: presentCategory(category, attributes) };
    },
    location: ({ id }) => resourcePath('categories', id),
  });
  api.route({
    method: 'patch',
    path: '/categories/:id',
    operationId: 'updateCategory',
    tag,
    summary: 'Rename, move or redefine a category (admin); moving under its own descendant is 409',
    auth: ['admin'],
    params: idParams,
    body: updateCategoryBody,
    responses: {
      200: { description: 'updated', schema: categorySchema },
      404: { description: 'no such category' },
      409: { description: 'cycle or redefinition' },
      ...adminOnly,
    },
    handler: async ({ principal, params, body }) => {
      const category = await useCases.updateCategory.execute({ adminId: principal.userId, id: params.id, ...body });
      const { attributes } = await useCases.getCategory.execute(category.id);
      return { status: 200, body: presentCategory(category, attributes) };
    },
  });
  api.route({
    method: 'delete',
    path: '/categories/:id',
    operationId: 'deleteCategory',
    tag,
    summary: 'Delete a category (admin); 409 when it has children or listings',
    auth: ['admin'],
    params: idParams,
    responses: {
      204: { description: 'deleted' },
      404: { description: 'no such category' },
      409: { description: 'has children or listings' },
      ...adminOnly,
    },
    handler: async ({ principal, params }) => {
      await useCases.deleteCategory.execute(principal.userId, params.id);
      return { status: 204 };
    },
  });
}
