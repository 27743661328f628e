import { api, get, idempotencyKey } from '../api.js';
import { addressFields, addressOf } from '../address-form.js';
import { errorBox, h, show } from '../dom.js';
import { formatDate, formatMoney } from '../format.js';
import { currentUser } from '../session.js';

/** Paying a pending order; an auction's order has no address yet, so the form asks for one. */
function payForm(order, reload) {
  const status = h('div', {});
  const form = h(
    'form',
    { 'data-testid': `pay-form-${order.id}` },
    order.shippingAddress ? null : addressFields(currentUser()?.displayName),
    h('button', { type: 'submit' }, 'Pay (test card)'),
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { paymentMethod: 'test_card', ...(order.shippingAddress ? {} : { shippingAddress: addressOf(form) }) };
    try {
      await api('POST', `/orders/${order.id}/pay`, body, idempotencyKey());
      reload();
    } catch (error) {
      show(status, errorBox(error));
    }
  });
  return form;
}

function orderItem(order, reload) {
  return h(
    'li',
    { class: 'card wide', 'data-testid': 'order' },
    h('h2', {}, order.items.map((item) => `${item.quantity} × ${item.title}`).join(', ')),
    h('p', {}, h('strong', {}, formatMoney(order.total)), ` · ${order.status.replace('_', ' ')}`),
    h('p', { class: 'muted' }, `Ordered ${formatDate(order.createdAt)}`),
    order.deliveryId &&
      h('a', { href: `#/delivery/${order.deliveryId}`, 'data-testid': 'delivery-link' }, 'Follow the delivery'),
    order.status === 'pending_payment' && payForm(order, reload),
  );
}

export async function render(main) {
  if (!currentUser()) return show(main, h('h1', {}, 'Orders'), h('p', {}, h('a', { href: '#/sign-in' }, 'Sign in')));
  try {
    const page = await get('/orders?role=buyer&limit=50');
    show(
      main,
      h('h1', {}, 'Your orders'),
      page.items.length === 0
        ? h('p', {}, 'No order yet.')
        : h(
            'ul',
            { class: 'cards' },
            page.items.map((order) => orderItem(order, () => render(main))),
          ),
    );
  } catch (error) {
    show(main, h('h1', {}, 'Orders'), errorBox(error));
  }
}
