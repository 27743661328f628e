import type { CartView } from '../../../application/cart/cart-lines.js';
import type { CartUseCases } from '../../../application/cart/use-cases.js';
import type { ApiRouter } from '../api-router.js';
import { addItemBody, cartSchema, changeItemBody, listingIdParams } from './cart-schemas.js';
import { resourcePath } from '../created-location.js';

const tag = 'Cart';
const buyers = { 401: { description: 'not signed in' }, 403: { description: 'not a buyer' } };
const stockConflict = {
  409: {
    description:
      'INSUFFICIENT_STOCK (with `available`), not published, your own listing, or CART_MIXED_CURRENCIES (with ' +
      '`cartCurrency` and `listingCurrency`; nothing is reserved)',
  },
};

function presentCart(cart: CartView) {
  return {
    items: cart.items.map((line) => ({ ...line, reservedUntil: line.reservedUntil.toISOString() })),
    total: cart.total,
  };
}

export function cartRoutes(api: ApiRouter, useCases: CartUseCases): void {
  api.route({
    method: 'get',
    path: '/cart',
    operationId: 'getCart',
    tag,
    summary: "The buyer's cart: live reservations only",
    auth: ['buyer'],
    responses: { 200: { description: 'the cart', schema: cartSchema }, ...buyers },
    handler: async ({ principal }) => ({
      status: 200,
      body: presentCart(await useCases.getCart.execute(principal.userId)),
    }),
  });
  api.route({
    method: 'post',
    path: '/cart/items',
    operationId: 'addCartItem',
    tag,
    summary: 'Reserve units of a listing for CART_RESERVATION_TTL (adds to an existing line)',
    auth: ['buyer'],
    body: addItemBody,
    responses: {
      201: { description: 'reserved', schema: cartSchema },
      404: { description: 'no such listing' },
      ...stockConflict,
      ...buyers,
    },
    handler: async ({ principal, body }) => {
      const cart = await useCases.addToCart.execute(principal.userId, body.listingId, body.quantity);
      return { status: 201, body: presentCart(cart) };
    },
    // The cart line, changed (PATCH) or removed (DELETE) there; GET /cart reads it.
    location: (_cart, { body }) => resourcePath('cart', 'items', body.listingId),
  });
  api.route({
    method: 'patch',
    path: '/cart/items/:listingId',
    operationId: 'updateCartItem',
    tag,
    summary: 'Set the quantity of a line (0 removes it); the reservation moves atomically',
    auth: ['buyer'],
    params: listingIdParams,
    body: changeItemBody,
    responses: {
      200: { description: 'updated', schema: cartSchema },
      404: { description: 'not in your cart' },
      ...stockConflict,
      ...buyers,
    },
    handler: async ({ principal, params, body }) => {
      const cart = await useCases.changeCartQuantity.execute(principal.userId, params.listingId, body.quantity);
      return { status: 200, body: presentCart(cart) };
    },
  });
  api.route({
    method: 'delete',
    path: '/cart/items/:listingId',
    operationId: 'removeCartItem',
    tag,
    summary: 'Remove a line and release its reservation',
    auth: ['buyer'],
    params: listingIdParams,
    responses: { 204: { description: 'removed' }, 404: { description: 'not in your cart' }, ...buyers },
    handler: async ({ principal, params }) => {
      await useCases.removeFromCart.execute(principal.userId, params.listingId);
      return { status: 204 };
    },
  });
}
