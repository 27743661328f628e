import { api, get, idempotencyKey } from '../api.js';
import { addressFields, addressOf } from '../address-form.js';
import { errorBox, h, show } from '../dom.js';
import { formatDate, formatMoney } from '../format.js';
import { currentUser } from '../session.js';

function line(item, reload) {
  const remove = async () => {
    await api('DELETE', `/cart/items/${encodeURIComponent(item.listingId)}`);
    reload();
  };
  return h(
    'tr',
    { 'data-testid': 'cart-line' },
    h('td', {}, h('a', { href: `#/listing/${item.listingId}` }, item.title)),
    h('td', {}, String(item.quantity)),
    h('td', {}, formatMoney(item.unitPrice)),
    h('td', {}, formatDate(item.reservedUntil)),
    h('td', {}, h('button', { type: 'button', onclick: remove, 'aria-label': `Remove ${item.title}` }, 'Remove')),
  );
}

/** Checkout: the order (POST /orders, with its Idempotency-Key), then paying it with the test card. */
function checkoutForm(status) {
  const key = idempotencyKey(); // one per form: a double click orders once
  const form = h(
    'form',
    { 'data-testid': 'checkout-form' },
    addressFields(currentUser()?.displayName),
    h('button', { type: 'submit' }, 'Order and pay (test card)'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const order = await api('POST', '/orders', { shippingAddress: addressOf(form) }, key);
      await api('POST', `/orders/${order.id}/pay`, { paymentMethod: 'test_card' }, idempotencyKey());
      location.hash = '#/orders';
    } catch (error) {
      show(status, errorBox(error));
    }
  });
  return form;
}

export async function render(main) {
  if (!currentUser()) return show(main, h('h1', {}, 'Cart'), h('p', {}, h('a', { href: '#/sign-in' }, 'Sign in')));
  const reload = () => render(main);
  try {
    const cart = await get('/cart');
    const status = h('div', {});
    if (cart.items.length === 0) return show(main, h('h1', {}, 'Cart'), h('p', {}, 'Your cart is empty.'));
    show(
      main,
      h('h1', {}, 'Cart'),
      h(
        'table',
        {},
        h('caption', {}, 'Reserved items'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Item', 'Quantity', 'Unit price', 'Reserved until', ''].map((title) => h('th', {}, title)),
          ),
        ),
        h(
          'tbody',
          {},
          cart.items.map((item) => line(item, reload)),
        ),
      ),
      h('p', { class: 'price' }, 'Total: ', formatMoney(cart.total)),
      checkoutForm(status),
      status,
    );
  } catch (error) {
    show(main, h('h1', {}, 'Cart'), errorBox(error));
  }
}
