import { api, get } from '../api.js';
import { errorBox, field, h, show } from '../dom.js';
import { formatMoney } from '../format.js';
import { listingImage } from '../media.js';
import { on, subscribe } from '../realtime.js';
import { currentUser } from '../session.js';

const STOCK_EVENTS = ['stock.reserved', 'stock.released', 'stock.updated'];

function attributesOf(listing) {
  const entries = Object.entries(listing.attributes ?? {});
  if (entries.length === 0) return null;
  return h(
    'dl',
    { class: 'attributes' },
    entries.map(([key, value]) => [h('dt', {}, key), h('dd', {}, String(value))]),
  );
}

function cartForm(listing) {
  const status = h('div', {});
  const form = h(
    'form',
    { class: 'inline', 'data-testid': 'add-to-cart-form' },
    field('Quantity', { name: 'quantity', type: 'number', min: 1, value: 1, required: true }),
    h('button', { type: 'submit' }, 'Add to cart'),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('POST', '/cart/items', { listingId: listing.id, quantity: Number(form.elements.quantity.value) });
      show(status, h('p', { role: 'status' }, 'Added. ', h('a', { href: '#/cart' }, 'See the cart')));
    } catch (error) {
      show(status, errorBox(error));
    }
  });
  return currentUser() ? form : h('p', {}, h('a', { href: '#/sign-in' }, 'Sign in'), ' to buy.');
}

export async function render(main, id) {
  let listing;
  try {
    listing = await get(`/listings/${encodeURIComponent(id)}`);
  } catch (error) {
    return show(main, h('h1', {}, 'Listing'), errorBox(error));
  }
  const available = h('span', { 'data-testid': 'available-quantity' }, String(listing.availableQuantity));
  show(
    main,
    h('h1', {}, listing.title),
    h(
      'div',
      { class: 'detail' },
      listingImage(listing, 'large'),
      h(
        'div',
        {},
        h('p', { class: 'price' }, formatMoney(listing.price)),
        h('p', { 'aria-live': 'polite' }, available, ' available'),
        h('p', {}, listing.description),
        attributesOf(listing),
        cartForm(listing),
      ),
    ),
  );
  const leave = subscribe(`listing:${listing.id}`);
  const onStock = (event) => {
    if (event.listingId === listing.id) available.textContent = String(event.available);
  };
  const stopListening = STOCK_EVENTS.map((event) => on(event, onStock));
  return () => {
    leave();
    stopListening.forEach((stop) => stop());
  };
}
