import type { AttributeDefinition, AttributeValue } from '../../domain/catalog/attributes.js';
import type { Money } from '../../domain/shared/money.js';
import type { Random } from './bot-strategy.js';
import type { DemoListingSpec } from './demo-listings.js';

/** The seller's terms of a lot's auction (CreateAuctionCommand without the seller, the listing and the end). */
export interface LotTerms {
  startingPrice: Money;
  minIncrement: Money;
  reservePrice?: Money;
  buyItNowPrice?: Money;
  antiSnipingSeconds: number;
}

/** A lot: its listing (one unit, its picture a coloured PNG bearing the lot's number) and its auction's terms. */
export interface DemoLot {
  listing: DemoListingSpec;
  terms: LotTerms;
}

const LOT_ITEMS: readonly { name: string; maker: string }[] = [
  { name: '1962 Seamaster wristwatch', maker: 'Omega' },
  { name: 'First-edition Dune hardback', maker: 'Chilton' },
  { name: 'M3 rangefinder camera', maker: 'Leica' },
  { name: 'Art deco brass table lamp', maker: 'Atelier Roux' },
  { name: 'Signed 1998 final football', maker: 'Adidas' },
  { name: 'Victorian pocket compass', maker: 'Negretti & Zambra' },
  { name: 'Hand-painted Delft tile set', maker: 'De Porceleyne Fles' },
  { name: 'Original 1977 Star Wars poster', maker: 'Lucasfilm' },
  { name: 'Mint Penny Black stamp', maker: 'Perkins Bacon' },
  { name: 'Vintage Olivetti Lettera 22', maker: 'Olivetti' },
  { name: 'Sealed Game Boy, launch edition', maker: 'Nintendo' },
  { name: 'Tiffany-style dragonfly vase', maker: 'Quezal' },
];

const LOT_COLOURS: readonly string[] = ['#8e44ad', '#c0392b', '#16a085', '#d35400', '#2c3e50', '#b7950b', '#1f618d'];

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });

/**
 * Values for the category's required attributes: an enum's first option, a number's lower bound (else 1 within
 * the bounds), true, and the maker for text.
 */
export function lotAttributes(definitions: readonly AttributeDefinition[], maker: string) {
  const valueOf = (definition: AttributeDefinition): AttributeValue => {
    switch (definition.type) {
      case 'enum':
        return definition.options?.[0] ?? maker;
      case 'number':
        return definition.min ?? Math.min(1, definition.max ?? 1);
      case 'boolean':
        return true;
      case 'string':
        return maker;
    }
  };
  return Object.fromEntries(definitions.filter((d) => d.required).map((d) => [d.key, valueOf(d)]));
}

/** The anti-sniping window of a demo auction: 30 s, or less than a third of a shorter auction. */
export function antiSnipingSecondsFor(auctionSeconds: number): number {
  return Math.min(30, Math.max(1, Math.floor((auctionSeconds - 1) / 3)));
}

/**
 * Lot number `lot`: a collectible with a numbered label, starting at 20-80 EUR with a 1 or 2 EUR increment;
 * sometimes a reserve (one and a half times the start) and sometimes Buy It Now (four times the start).
 */
export function demoLot(
  lot: number,
  categoryId: string,
  definitions: readonly AttributeDefinition[],
  auctionSeconds: number,
  random: Random,
): DemoLot {
  const item = LOT_ITEMS[lot % LOT_ITEMS.length]!;
  const start = 2_000 + 500 * Math.floor(random() * 13);
  const reservePrice = random() < 0.4 ? { reservePrice: eur(1.5 * start) } : {};
  const buyItNowPrice = random() < 0.3 ? { buyItNowPrice: eur(4 * start) } : {};
  const label = `Lot ${lot}`;
  return {
    listing: {
      title: `${item.name} (${label})`,
      description: `${label}: ${item.name} by ${item.maker}, in fine condition. One unit, sold at auction.`,
      categoryId,
      price: eur(4 * start),
      quantity: 1,
      attributes: lotAttributes(definitions, item.maker),
      colour: LOT_COLOURS[lot % LOT_COLOURS.length]!,
      label,
    },
    terms: {
      startingPrice: eur(start),
      minIncrement: eur(random() < 0.5 ? 100 : 200),
      ...reservePrice,
      ...buyItNowPrice,
      antiSnipingSeconds: antiSnipingSecondsFor(auctionSeconds),
    },
  };
}

/** The lot number in a demo lot's title ("... (Lot 12)"), or null for another title. */
export function lotNumberOf(title: string): number | null {
  const match = /\(Lot (\d+)\)$/.exec(title);
  return match ? Number(match[1]) : null;
}
