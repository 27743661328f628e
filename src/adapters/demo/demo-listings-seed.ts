import type { DemoUser } from './demo-cast.js';
import { DELIVERY_LISTING, DEMO_LISTINGS, type DemoListingData } from './demo-catalog-data.js';
import type { DemoDeps } from './demo-deps.js';
import { publishDemoListing, type DemoListingSpec } from './demo-listings.js';

/** Listings published at once: quick on every store, and well within a seller's open upload slots (default 20). */
const CONCURRENT_PUBLICATIONS = 4;
const LABEL_MAX_CHARS = 16;

interface PlannedListing {
  seller: DemoUser;
  data: DemoListingData;
}

export interface SeededListings {
  deliveryListingId: string;
  /** The demo's listing ids by title, found or published. */
  ids: Map<string, string>;
  published: number;
}

/**
 * The demo's fixed-price listings: those an earlier seed published are found (by seller and title), the others
 * published now. The delivery listing is seller1's; the others go to the sellers in turn.
 */
export async function seedListings(
  deps: DemoDeps,
  admin: DemoUser,
  sellers: DemoUser[],
  categoryIds: Map<string, string>,
): Promise<SeededListings> {
  const planned: PlannedListing[] = [
    { seller: sellers[0]!, data: DELIVERY_LISTING },
    ...DEMO_LISTINGS.map((data, index) => ({ seller: sellers[index % sellers.length]!, data })),
  ];
  const ids = new Map<string, string>();
  for (const seller of sellers) for (const [title, id] of await publishedTitles(deps, seller)) ids.set(title, id);
  const missing = planned
    .map((listing, index) => ({ listing, colour: colourAt(index, planned.length) }))
    .filter(({ listing }) => !ids.has(listing.data.title));
  await inParallel(missing, CONCURRENT_PUBLICATIONS, async ({ listing, colour }) => {
    const spec = specOf(listing.data, categoryIds, colour);
    ids.set(listing.data.title, await publishDemoListing(deps, admin, listing.seller, spec));
  });
  return { deliveryListingId: ids.get(DELIVERY_LISTING.title)!, ids, published: missing.length };
}

/** The seller's published listings, id by title, every page of them. */
async function publishedTitles(deps: DemoDeps, seller: DemoUser): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await deps.catalog.searchListings.execute({ sellerId: seller.id, sort: 'newest', limit: 100, cursor });
    for (const { listing } of page.items) titles.set(listing.title, listing.id);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return titles;
}

function specOf(data: DemoListingData, categoryIds: Map<string, string>, colour: string): DemoListingSpec {
  const categoryId = categoryIds.get(data.categoryPath);
  if (!categoryId) throw new Error(`the demo has no category ${data.categoryPath}`);
  const details = Object.entries(data.attributes).map(([key, value]) => `${key} ${value === true ? 'yes' : value}`);
  return {
    title: data.title,
    description: `${data.title}, in ${data.categoryPath.replaceAll('/', ' > ')}: ${details.join(', ')}. Demo data.`,
    categoryId,
    price: { amount: data.cents, currency: 'EUR' },
    quantity: data.quantity,
    attributes: data.attributes,
    colour,
    label: labelOf(data.title),
  };
}

/** As many of the title's first words as fit the image, in capitals. */
function labelOf(title: string): string {
  const words = title.toUpperCase().split(' ');
  let label = words[0]!;
  for (const word of words.slice(1)) {
    if (label.length + 1 + word.length > LABEL_MAX_CHARS) break;
    label += ` ${word}`;
  }
  return label;
}

/** A distinct colour for each listing: hues spread around the wheel, lightness alternating between neighbours. */
function colourAt(index: number, count: number): string {
  const hue = (index * 360) / count;
  const lightness = index % 2 === 0 ? 0.45 : 0.7;
  const amplitude = 0.65 * Math.min(lightness, 1 - lightness); // saturation 65%
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const value = lightness - amplitude * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/** Runs `work` on every item, at most `limit` at a time. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
