import type { AttributeDefinition, AttributeValue } from '../../domain/catalog/attributes.js';

/** A category of the demo tree; `path` names it among the listings (`Electronics/Cameras`). */
export interface DemoCategory {
  name: string;
  attributes?: AttributeDefinition[];
  children?: DemoCategory[];
}

const enumOf = (key: string, label: string, options: string[], required = true): AttributeDefinition => ({
  key,
  label,
  type: 'enum',
  options,
  required,
});
const numberOf = (key: string, label: string, min: number, max: number, unit?: string): AttributeDefinition => ({
  key,
  label,
  type: 'number',
  required: true,
  min,
  max,
  ...(unit ? { unit } : {}),
});
const flag = (key: string, label: string): AttributeDefinition => ({ key, label, type: 'boolean', required: false });

export const DEMO_CATEGORIES: DemoCategory[] = [
  {
    name: 'Electronics',
    children: [
      {
        name: 'Cameras',
        attributes: [
          enumOf('brand', 'Brand', ['Canon', 'Nikon', 'Sony', 'Fujifilm', 'Leica', 'Olympus']),
          numberOf('megapixels', 'Megapixels', 1, 200, 'MP'),
          flag('mirrorless', 'Mirrorless'),
        ],
      },
      {
        name: 'Phones',
        attributes: [
          enumOf('brand', 'Brand', ['Apple', 'Samsung', 'Google', 'Fairphone']),
          numberOf('storageGb', 'Storage', 16, 2048, 'GB'),
          flag('unlocked', 'Unlocked'),
        ],
      },
      {
        name: 'Audio',
        attributes: [enumOf('kind', 'Kind', ['over-ear', 'in-ear', 'speaker']), flag('wireless', 'Wireless')],
      },
    ],
  },
  {
    name: 'Home',
    children: [
      {
        name: 'Furniture',
        attributes: [
          enumOf('material', 'Material', ['wood', 'metal', 'glass', 'fabric']),
          flag('assembled', 'Assembled'),
        ],
      },
      {
        name: 'Kitchen',
        attributes: [
          enumOf('material', 'Material', ['steel', 'cast iron', 'ceramic', 'food']),
          flag('dishwasherSafe', 'Dishwasher safe'),
        ],
      },
    ],
  },
  {
    name: 'Sports',
    children: [
      {
        name: 'Bikes',
        attributes: [
          numberOf('frameSize', 'Frame size', 40, 65, 'cm'),
          enumOf('kind', 'Kind', ['road', 'mountain', 'city', 'gravel']),
        ],
      },
      {
        name: 'Running',
        attributes: [numberOf('size', 'Size (EU)', 35, 48), enumOf('surface', 'Surface', ['road', 'trail'], false)],
      },
    ],
  },
  {
    name: 'Books',
    attributes: [enumOf('language', 'Language', ['en', 'fr', 'de', 'es']), flag('hardcover', 'Hardcover')],
  },
  {
    name: 'Collectibles',
    children: [
      {
        name: 'Vintage Cameras',
        attributes: [enumOf('decade', 'Decade', ['1950s', '1960s', '1970s', '1980s']), flag('working', 'Working')],
      },
    ],
  },
];

/** Where the auction lots go: a leaf whose only required attribute `AUCTION_LOT_ATTRIBUTES` fills. */
export const AUCTION_CATEGORY_PATH = 'Collectibles/Vintage Cameras';
export const AUCTION_LOT_ATTRIBUTES: Record<string, AttributeValue> = { decade: '1970s', working: true };

export interface DemoListingData {
  title: string;
  categoryPath: string;
  /** Euro cents. */
  cents: number;
  quantity: number;
  attributes: Record<string, AttributeValue>;
}

/** The listings of one category, one call each: title, price in euro cents, stock, attributes. */
const listingsIn =
  (categoryPath: string) =>
  (title: string, cents: number, quantity: number, attributes: Record<string, AttributeValue>): DemoListingData => ({
    title,
    categoryPath,
    cents,
    quantity,
    attributes,
  });
const camera = listingsIn('Electronics/Cameras');
const phone = listingsIn('Electronics/Phones');
const audio = listingsIn('Electronics/Audio');
const furniture = listingsIn('Home/Furniture');
const kitchen = listingsIn('Home/Kitchen');
const bike = listingsIn('Sports/Bikes');
const running = listingsIn('Sports/Running');
const book = listingsIn('Books');

/** The fixed-price listings, shared between the two sellers in turn (the first is seller1's). */
export const DEMO_LISTINGS: DemoListingData[] = [
  camera('Sony A7 III body', 129_900, 2, { brand: 'Sony', megapixels: 24, mirrorless: true }),
  camera('Fujifilm X-T4 silver', 109_900, 3, { brand: 'Fujifilm', megapixels: 26, mirrorless: true }),
  camera('Canon EOS 5D Mark IV', 149_000, 1, { brand: 'Canon', megapixels: 30, mirrorless: false }),
  camera('Nikon Z6 II kit', 119_900, 2, { brand: 'Nikon', megapixels: 24, mirrorless: true }),
  camera('Leica Q2 compact', 449_000, 1, { brand: 'Leica', megapixels: 47 }),
  camera('Olympus OM-D E-M10', 39_900, 5, { brand: 'Olympus', megapixels: 16, mirrorless: true }),
  camera('Nikon D750 body', 69_900, 2, { brand: 'Nikon', megapixels: 24, mirrorless: false }),
  phone('iPhone 13 128 GB', 54_900, 4, { brand: 'Apple', storageGb: 128, unlocked: true }),
  phone('Samsung Galaxy S22', 49_900, 3, { brand: 'Samsung', storageGb: 256, unlocked: true }),
  phone('Google Pixel 7', 44_900, 6, { brand: 'Google', storageGb: 128, unlocked: false }),
  phone('Fairphone 4', 47_900, 8, { brand: 'Fairphone', storageGb: 256 }),
  phone('iPhone SE 64 GB', 22_900, 10, { brand: 'Apple', storageGb: 64, unlocked: false }),
  audio('Wireless over-ear headphones', 19_900, 12, { kind: 'over-ear', wireless: true }),
  audio('Portable Bluetooth speaker', 7_900, 20, { kind: 'speaker', wireless: true }),
  audio('Studio in-ear monitors', 5_900, 25, { kind: 'in-ear', wireless: false }),
  furniture('Oak dining table', 64_900, 2, { material: 'wood', assembled: false }),
  furniture('Linen three-seat sofa', 89_900, 1, { material: 'fabric', assembled: true }),
  furniture('Steel bookshelf', 15_900, 5, { material: 'metal' }),
  furniture('Glass coffee table', 24_900, 3, { material: 'glass', assembled: true }),
  kitchen('Cast iron skillet', 4_900, 30, { material: 'cast iron', dishwasherSafe: false }),
  kitchen('Espresso machine', 34_900, 4, { material: 'steel' }),
  kitchen('Ceramic teapot', 2_900, 40, { material: 'ceramic', dishwasherSafe: true }),
  bike('Carbon road bike', 189_900, 1, { frameSize: 56, kind: 'road' }),
  bike('Trail mountain bike', 74_900, 3, { frameSize: 48, kind: 'mountain' }),
  bike('Dutch city bike', 39_900, 5, { frameSize: 53, kind: 'city' }),
  bike('Gravel bike 1x11', 109_900, 2, { frameSize: 54, kind: 'gravel' }),
  running('Trail running shoes', 12_900, 10, { size: 42, surface: 'trail' }),
  running('Road running shoes', 11_900, 14, { size: 39, surface: 'road' }),
  running('Running hydration vest', 6_900, 18, { size: 40 }),
  book('Field guide to birds', 2_400, 20, { language: 'en', hardcover: false }),
  book('Le grand livre de cuisine', 3_200, 12, { language: 'fr', hardcover: true }),
  book('Illustrated world atlas', 4_500, 6, { language: 'de', hardcover: true }),
];

/** What the simulated courier's orders buy, one at a time: seller1's, with stock for a long demo. */
export const DELIVERY_LISTING = kitchen('Roasted coffee beans 1 kg', 1_490, 100_000, { material: 'food' });
