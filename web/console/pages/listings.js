import { get, withQuery } from '../api.js';
import { errorBox, field, h, show } from '../dom.js';
import { formatMoney, toMinorUnits } from '../format.js';
import { listingImage } from '../media.js';

/** Prices in the filter are typed in this currency's units (the demo's listings are in euros). */
const FILTER_CURRENCY = 'EUR';

const SORTS = [
  ['newest', 'Newest first'],
  ['price_asc', 'Price, lowest first'],
  ['price_desc', 'Price, highest first'],
];

/** The category tree as options, children indented under their parent. */
function categoryOptions(nodes, depth = 0) {
  return nodes.flatMap((node) => [
    h('option', { value: node.id }, `${'\u00a0\u00a0'.repeat(depth)}${node.name}`),
    ...categoryOptions(node.children ?? [], depth + 1),
  ]);
}

function select(label, name, options) {
  const id = `field-${name}`;
  return h('div', { class: 'field' }, h('label', { for: id }, label), h('select', { id, name }, options));
}

function card(listing) {
  return h(
    'li',
    { class: 'card', 'data-testid': 'listing-card' },
    listingImage(listing),
    h('h2', {}, h('a', { href: `#/listing/${listing.id}` }, listing.title)),
    h('p', { class: 'price' }, formatMoney(listing.price)),
    h('p', { class: 'muted' }, `${listing.availableQuantity} available`),
  );
}

function searchOf(form) {
  const data = new FormData(form);
  const price = (name) => (data.get(name) ? toMinorUnits(data.get(name), FILTER_CURRENCY) : undefined);
  return {
    q: String(data.get('q') ?? '').trim(),
    categoryId: data.get('categoryId'),
    minPrice: price('minPrice'),
    maxPrice: price('maxPrice'),
    sort: data.get('sort'),
    limit: 12,
  };
}

export async function render(main) {
  const categories = await get('/categories').catch(() => ({ items: [] }));
  const results = h('ul', { class: 'cards', 'aria-live': 'polite', 'data-testid': 'listing-results' });
  const more = h('div', {});
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Listing filters', 'data-testid': 'listing-filters' },
    field('Search', { name: 'q', type: 'search' }),
    select('Category', 'categoryId', [h('option', { value: '' }, 'All'), ...categoryOptions(categories.items)]),
    field(`Min price (${FILTER_CURRENCY})`, { name: 'minPrice', type: 'number', min: 0, step: '0.01' }),
    field(`Max price (${FILTER_CURRENCY})`, { name: 'maxPrice', type: 'number', min: 0, step: '0.01' }),
    select(
      'Sort',
      'sort',
      SORTS.map(([value, label]) => h('option', { value }, label)),
    ),
    h('button', { type: 'submit' }, 'Search'),
  );
  const load = async (cursor) => {
    try {
      const page = await get(withQuery('/listings', { ...searchOf(form), cursor }));
      if (!cursor) show(results);
      results.append(...page.items.map(card));
      if (!cursor && page.items.length === 0) results.append(h('li', { class: 'muted' }, 'No listing matches.'));
      const next = page.nextCursor;
      show(more, next && h('button', { type: 'button', onclick: () => load(next) }, 'More listings'));
    } catch (error) {
      show(results, errorBox(error));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  show(main, h('h1', {}, 'Listings'), form, results, more);
  await load();
}
