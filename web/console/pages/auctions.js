import { get } from '../api.js';
import { errorBox, h, show } from '../dom.js';
import { countdown, formatMoney } from '../format.js';

function card(auction) {
  return h(
    'li',
    { class: 'card', 'data-testid': 'auction-card' },
    h('h2', {}, h('a', { href: `#/auction/${auction.id}` }, auction.title)),
    h('p', { class: 'price' }, formatMoney(auction.currentPrice)),
    h('p', { class: 'muted' }, `${auction.bidCount} bids · ends in `, h('span', { 'data-ends-at': auction.endsAt })),
  );
}

/** The countdowns of the cards, every second. */
function tick(list) {
  for (const span of list.querySelectorAll('[data-ends-at]')) span.textContent = countdown(span.dataset.endsAt);
}

export async function render(main) {
  try {
    const page = await get('/auctions?status=live&limit=50');
    const list = h('ul', { class: 'cards', 'data-testid': 'auction-list' }, page.items.map(card));
    show(
      main,
      h('h1', {}, 'Live auctions'),
      page.items.length === 0 ? h('p', {}, 'No auction is live right now.') : list,
    );
    tick(list);
    const timer = setInterval(() => tick(list), 1000);
    return () => clearInterval(timer);
  } catch (error) {
    show(main, h('h1', {}, 'Live auctions'), errorBox(error));
  }
}
