import type { AttributeDefinition, AttributeValue } from '../../../src/domain/catalog/attributes.js';
import type { Category } from '../../../src/domain/catalog/category.js';
import type { Listing, ListingStatus } from '../../../src/domain/catalog/listing.js';
import { slugify } from '../../../src/domain/shared/text.js';

/** A small seeded PRNG (mulberry32): the same seed gives the same catalog on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
const chance = (random: Random, probability: number): boolean => random() < probability;

const at = Date.parse('2026-01-01T00:00:00.000Z');
const hours = (count: number): Date => new Date(at + count * 3_600_000);

const rootAttributes: AttributeDefinition[] = [
  { key: 'condition', label: 'État', type: 'enum', required: true, options: ['neuf', 'bon', 'usé'] },
  { key: 'brand', label: 'Marque', type: 'string', required: false },
];
const midAttributes: AttributeDefinition[] = [
  { key: 'electric', label: 'Électrique', type: 'boolean', required: false },
  { key: 'weight_kg', label: 'Poids', type: 'number', required: false, unit: 'kg', min: 0, max: 100 },
  { key: 'year', label: 'Année', type: 'number', required: false, min: 1990, max: 2030 },
];

/** name, parent name (null for a root): three levels, the leaves carry most listings. */
const tree: [string, string | null][] = [
  ['Véhicules', null],
  ['Vélos', 'Véhicules'],
  ['Vélos électriques', 'Vélos'],
  ['VTT', 'Vélos'],
  ['Motos', 'Véhicules'],
  ['Scooters', 'Motos'],
  ['Maison', null],
  ['Cuisine', 'Maison'],
  ['Cafetières', 'Cuisine'],
  ['Casseroles', 'Cuisine'],
  ['Jardin', 'Maison'],
  ['Outils', 'Jardin'],
  ['Électronique', null],
  ['Audio', 'Électronique'],
  ['Casques', 'Audio'],
];

const titles: Record<string, string[]> = {
  Vélos: ['Vélo de course', 'velo enfant'],
  'Vélos électriques': ['Vélo électrique', 'VÉLO électrique pliant', 'Vélo de ville électrique'],
  VTT: ['VTT', 'Vélo tout terrain', 'VTT électrique'],
  Motos: ['Moto trail', 'Moto café racer'],
  Scooters: ['Scooter', 'Scooter électrique'],
  Cuisine: ['Robot de cuisine'],
  Cafetières: ['Cafetière', 'Machine à café', 'Moulin à Café'],
  Casseroles: ['Casserole', 'Poêle', 'Crêpière'],
  Jardin: ['Salon de jardin'],
  Outils: ['Tondeuse électrique', 'Perceuse', 'Sécateur'],
  Audio: ['Enceinte', 'Platine vinyle'],
  Casques: ['Casque audio', 'Casque Bluetooth'],
};
const adjectives = ['rouge', 'noir', 'Léger', 'comme neuf', 'très bon état', 'à réparer', 'Été'];
const sentences = [
  'Café offert au retrait.',
  'Livraison possible à Orléans.',
  'Batterie neuve.',
  'Peu servi, été 2024.',
  "Pièce d'origine.",
  'Idéal pour un VÉLO de ville.',
  'cafe et croissants',
  'Remise en main propre.',
  'Facture disponible.',
  'Electrique et silencieux.',
];
const statuses: ListingStatus[] = [
  'published',
  'published',
  'published',
  'published',
  'published',
  'published',
  'draft',
  'moderation',
  'rejected',
  'archived',
];
const prices = [500, 999, 1500, 2500, 4999, 9900, 15000, 25000, 49900, 120000];
export const sellerIds = ['seller-1', 'seller-2', 'seller-3', 'seller-4', 'seller-5', 'seller-6'];

export function categoryId(name: string): string {
  return `cat-${slugify(name)}`;
}

export function fixtureCategories(): Category[] {
  const byName = new Map<string, Category>();
  for (const [name, parentName] of tree) {
    const parent = parentName === null ? undefined : byName.get(parentName);
    const depth = parent ? parent.ancestorIds.length + 1 : 0;
    byName.set(name, {
      id: categoryId(name),
      name,
      slug: slugify(name),
      parentId: parent?.id ?? null,
      ancestorIds: parent ? [...parent.ancestorIds, parent.id] : [],
      attributes: depth === 0 ? rootAttributes : depth === 1 ? midAttributes : [],
      createdAt: new Date(at),
      updatedAt: new Date(at),
    });
  }
  return [...byName.values()];
}

/** The ids of a category and of everything below it. */
export function subtreeIds(categories: Category[], id: string): string[] {
  return [id, ...categories.filter((category) => category.ancestorIds.includes(id)).map((category) => category.id)];
}

function attributes(random: Random): Record<string, AttributeValue> {
  return {
    condition: pick(random, ['neuf', 'bon', 'usé']),
    ...(chance(random, 0.8) && { electric: chance(random, 0.5) }),
    ...(chance(random, 0.7) && { brand: pick(random, ['Bosch', 'Décathlon', 'Sony', 'Moulinex', 'Peugeot']) }),
    ...(chance(random, 0.7) && { weight_kg: Math.round((0.5 + random() * 30) * 10) / 10 }),
    ...(chance(random, 0.8) && { year: 2005 + Math.floor(random() * 21) }),
  };
}

function listing(random: Random, index: number): Listing {
  const category = pick(random, Object.keys(titles));
  const status = pick(random, statuses);
  const publishedAt = status === 'published' || status === 'archived' ? hours(Math.floor(random() * 60)) : undefined;
  const updatedAt = hours(100 + Math.floor(random() * 50));
  return {
    id: `lst-${Math.floor(random() * 0xffffff)
      .toString(16)
      .padStart(6, '0')}-${index}`,
    sellerId: pick(random, sellerIds),
    title: `${pick(random, titles[category] ?? [])} ${pick(random, adjectives)}`,
    description: `${pick(random, sentences)} ${pick(random, sentences)}`,
    categoryId: categoryId(category),
    price: { amount: pick(random, prices), currency: 'EUR' },
    quantity: 1 + Math.floor(random() * 5),
    attributes: attributes(random),
    mediaIds: [],
    status,
    ...(status === 'rejected' && { moderationReason: 'blurry photos' }),
    createdAt: hours(0),
    updatedAt,
    ...(publishedAt && { publishedAt }),
    version: 1 + Math.floor(random() * 3),
  };
}

/**
 * `count` listings from `seed`: mixed statuses (unpublished ones must never be found), six
 * sellers, ten prices and sixty publication hours (so sort keys tie often and ids break the
 * ties), accented titles and descriptions, and attributes of every type, some absent.
 */
export function fixtureListings(count: number, seed = 20260101): Listing[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => listing(random, index));
}
