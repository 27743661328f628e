import type { AddToCart } from './add-to-cart/add-to-cart.js';
import type { ChangeCartQuantity } from './change-cart-quantity/change-cart-quantity.js';
import type { GetCart } from './get-cart/get-cart.js';
import type { RemoveFromCart } from './remove-from-cart/remove-from-cart.js';

/** The cart use cases its driving adapters (the HTTP routes) call, bound by its composition. */
export interface CartUseCases {
  getCart: GetCart;
  addToCart: AddToCart;
  changeCartQuantity: ChangeCartQuantity;
  removeFromCart: RemoveFromCart;
}
export const CartUseCases = Symbol.for('CartUseCases');
