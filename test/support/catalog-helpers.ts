import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';

type Auth = { Authorization: string };

/** Sports > Bikes (frame_size number 40..65, required condition enum) > E-bikes (electric boolean). */
export async function seedBikeCategories(
  app: Express,
  admin: Auth,
): Promise<{ sports: string; bikes: string; ebikes: string }> {
  const create = async (body: object) => {
    const res = await request(app).post('/api/v1/categories').set(admin).send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const suffix = Math.random().toString(36).slice(2, 8);
  const sports = await create({
    name: `Sports ${suffix}`,
    attributes: [{ key: 'brand', label: 'Brand', type: 'string' }],
  });
  const bikes = await create({
    name: 'Bikes',
    parentId: sports,
    attributes: [
      { key: 'frame_size', label: 'Frame size', type: 'number', min: 40, max: 65, unit: 'cm' },
      { key: 'condition', label: 'Condition', type: 'enum', options: ['new', 'used'], required: true },
    ],
  });
  const ebikes = await create({
    name: 'E-bikes',
    parentId: bikes,
    attributes: [{ key: 'electric', label: 'Electric', type: 'boolean' }],
  });
  return { sports, bikes, ebikes };
}

export function listingBody(categoryId: string, overrides: Record<string, unknown> = {}) {
  return {
    title: 'Vélo de route',
    description: 'Cadre aluminium, très bon état',
    categoryId,
    price: { amount: 25_000, currency: 'EUR' },
    quantity: 2,
    attributes: { condition: 'used', frame_size: 54 },
    ...overrides,
  };
}

export async function createListing(
  app: Express,
  auth: Auth,
  body: object,
): Promise<Record<string, unknown> & { id: string }> {
  const res = await request(app).post('/api/v1/listings').set(auth).send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export async function publishedListing(
  app: Express,
  auth: Auth,
  body: object,
): Promise<Record<string, unknown> & { id: string }> {
  const listing = await createListing(app, auth, body);
  const res = await request(app).post(`/api/v1/listings/${listing.id}/publish`).set(auth);
  expect(res.body.status, JSON.stringify(res.body)).toBe('published');
  return res.body;
}
