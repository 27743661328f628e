import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../support/audit-helpers.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { expectProblem, fieldPaths, registerUser, signInAdmin, TEST_ADMIN } from '../../support/http-helpers.js';

describe('HTTP categories', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  const create = (body: object) => request(t.app).post('/api/v1/categories').set(admin).send(body);

  beforeAll(async () => {
    t = await createTestApp(TEST_ADMIN);
    admin = await signInAdmin(t.app);
  });
  afterAll(() => t.close());

  it('builds a tree of any depth with inherited attributes', async () => {
    const sports = await create({
      name: 'Sports',
      attributes: [{ key: 'brand', label: 'Brand', type: 'string', required: true }],
    });
    expect(sports.status).toBe(201);
    expect(sports.body).toMatchObject({ name: 'Sports', slug: 'sports', parentId: null });
    const bikes = await create({
      name: 'Vélos',
      parentId: sports.body.id,
      attributes: [{ key: 'frame_size', label: 'Frame', type: 'number', min: 40, max: 65, unit: 'cm' }],
    });
    const ebikes = await create({
      name: 'Électriques',
      parentId: bikes.body.id,
      attributes: [{ key: 'battery', label: 'Battery', type: 'enum', options: ['300Wh', '500Wh'] }],
    });
    expect(bikes.body.slug).toBe('velos');

    const one = await request(t.app).get(`/api/v1/categories/${ebikes.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body.attributes.map((a: { key: string }) => a.key)).toEqual(['brand', 'frame_size', 'battery']);
    expect(one.body.ancestorIds).toEqual([sports.body.id, bikes.body.id]);

    const tree = await request(t.app).get('/api/v1/categories');
    const root = tree.body.items.find((n: { id: string }) => n.id === sports.body.id);
    expect(root.children[0]).toMatchObject({ id: bikes.body.id, children: [{ id: ebikes.body.id, children: [] }] });
  });

  it('refuses redefining an inherited attribute (409) and a bad definition (400)', async () => {
    const parent = await create({ name: 'Home', attributes: [{ key: 'material', label: 'Material', type: 'string' }] });
    expectProblem(
      await create({
        name: 'Chairs',
        parentId: parent.body.id,
        attributes: [{ key: 'material', label: 'M', type: 'string' }],
      }),
      409,
      'CATEGORY_ATTRIBUTE_REDEFINED',
    );
    expectProblem(
      await create({
        name: 'Tables',
        parentId: parent.body.id,
        attributes: [{ key: 'legs', label: 'Legs', type: 'enum' }],
      }),
      400,
      'CATEGORY_ATTRIBUTES_INVALID',
    );
    expect(
      fieldPaths(
        expectProblem(await create({ name: '', attributes: [{ key: 'Bad Key', label: 'x', type: 'colour' }] }), 400),
      ),
    ).toEqual(expect.arrayContaining(['body.name', 'body.attributes.0.key', 'body.attributes.0.type']));
  });

  it('accepts attribute keys of any case (batteryWh and battery_wh are distinct) and refuses other shapes naming the key', async () => {
    const mixed = await create({
      name: 'Batteries',
      attributes: [
        { key: 'batteryWh', label: 'Battery (Wh)', type: 'number' },
        { key: 'battery_wh', label: 'Battery (text)', type: 'string' },
      ],
    });
    expect(mixed.status, JSON.stringify(mixed.body)).toBe(201);
    expect(mixed.body.attributes.map((a: { key: string }) => a.key)).toEqual(['batteryWh', 'battery_wh']);
    for (const key of ['1wh', '_wh', 'battery-wh', 'a'.repeat(65)]) {
      const res = await create({ name: 'Bad', attributes: [{ key, label: 'x', type: 'string' }] });
      expect(fieldPaths(expectProblem(res, 400, 'VALIDATION_FAILED'))).toEqual(['body.attributes.0.key']);
    }
  });

  it('moves a subtree, refusing a move under its own descendant (409)', async () => {
    const a = await create({ name: 'A' });
    const b = await create({ name: 'B', parentId: a.body.id });
    const c = await create({ name: 'C', parentId: b.body.id });
    expectProblem(
      await request(t.app).patch(`/api/v1/categories/${a.body.id}`).set(admin).send({ parentId: c.body.id }),
      409,
      'CATEGORY_CYCLE',
    );
    const other = await create({ name: 'Other' });
    const moved = await request(t.app)
      .patch(`/api/v1/categories/${b.body.id}`)
      .set(admin)
      .send({ parentId: other.body.id, name: 'B renamed' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ name: 'B renamed', slug: 'b-renamed', parentId: other.body.id });
    expect((await request(t.app).get(`/api/v1/categories/${c.body.id}`)).body.ancestorIds).toEqual([
      other.body.id,
      b.body.id,
    ]);
  });

  it('deletes a leaf, refuses one with children (409); audits every admin action', async () => {
    const parent = await create({ name: 'Parent' });
    const leaf = await create({ name: 'Leaf', parentId: parent.body.id });
    expectProblem(
      await request(t.app).delete(`/api/v1/categories/${parent.body.id}`).set(admin),
      409,
      'CATEGORY_HAS_CHILDREN',
    );
    t.clock.advance(1000);
    expect((await request(t.app).delete(`/api/v1/categories/${leaf.body.id}`).set(admin)).status).toBe(204);
    expectProblem(await request(t.app).get(`/api/v1/categories/${leaf.body.id}`), 404, 'CATEGORY_NOT_FOUND');
    const audit = await auditEntries(t.app, admin, { targetId: leaf.body.id }, 2);
    expect(audit.map((e) => [e.action, e.targetType])).toEqual([
      ['category.delete', 'category'],
      ['category.create', 'category'],
    ]);
  });

  it('refuses a sibling with the same name (409) and an unknown parent (400)', async () => {
    await create({ name: 'Books' });
    expectProblem(await create({ name: 'books' }), 409, 'CATEGORY_NAME_TAKEN');
    expectProblem(await create({ name: 'Orphan', parentId: 'nope' }), 400, 'CATEGORY_PARENT_NOT_FOUND');
  });

  it('is admin-only to change (403 for a seller, 401 anonymous)', async () => {
    const seller = await registerUser(t.app, { roles: ['seller'] });
    expectProblem(await request(t.app).post('/api/v1/categories').set(seller.auth).send({ name: 'Mine' }), 403);
    expectProblem(await request(t.app).post('/api/v1/categories').send({ name: 'Mine' }), 401);
  });
});
