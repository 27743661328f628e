import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import { DEMO_PASSWORD, type DemoCast } from '../../../src/adapters/demo/demo-cast.js';

/** Signs a demo account in with the demo password, as a person would. */
export async function signInDemo(app: Express, email: string): Promise<{ Authorization: string; userId: string }> {
  const res = await request(app).post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD });
  expect(res.status, `${email}: ${JSON.stringify(res.body)}`).toBe(200);
  return { Authorization: `Bearer ${res.body.accessToken}`, userId: res.body.user.id };
}

export interface DemoInventory {
  /** Every account under @demo.uty, as the admin lists them. */
  userIds: string[];
  categoryIds: string[];
  /** The sellers' published listings. */
  listingIds: string[];
}

/** What the demo's stores hold, seen through the API: a second seed must leave it unchanged. */
export async function demoInventory(app: Express, cast: DemoCast): Promise<DemoInventory> {
  const admin = await signInDemo(app, cast.admin.email);
  const users = await request(app).get('/api/v1/admin/users').query({ q: '@demo.uty', limit: 100 }).set(admin);
  expect(users.status).toBe(200);
  const tree = await request(app).get('/api/v1/categories');
  expect(tree.status).toBe(200);
  const listingIds: string[] = [];
  for (const seller of cast.sellers) {
    const page = await request(app).get('/api/v1/listings').query({ sellerId: seller.id, limit: 100 });
    expect(page.status).toBe(200);
    listingIds.push(...page.body.items.map((listing: { id: string }) => listing.id));
  }
  return {
    userIds: users.body.items.map((user: { id: string }) => user.id).sort(),
    categoryIds: idsInTree(tree.body.items).sort(),
    listingIds: listingIds.sort(),
  };
}

function idsInTree(nodes: { id: string; children: unknown[] }[]): string[] {
  return nodes.flatMap((node) => [node.id, ...idsInTree(node.children as typeof nodes)]);
}
