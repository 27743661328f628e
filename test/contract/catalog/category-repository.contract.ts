import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import type { CategoryRepository } from '../../../src/application/catalog/ports/category-repository.js';
import type { AttributeDefinition } from '../../../src/domain/catalog/attributes.js';
import { ancestorIdsUnder, type Category } from '../../../src/domain/catalog/category.js';
import { slugify } from '../../../src/domain/shared/text.js';

const at = new Date('2026-03-01T10:00:00.000Z');

function category(name: string, parent: Category | null = null, attributes: AttributeDefinition[] = []): Category {
  return {
    id: randomUUID(),
    name,
    slug: slugify(name),
    parentId: parent?.id ?? null,
    ancestorIds: ancestorIdsUnder(parent),
    attributes,
    createdAt: new Date(at),
    updatedAt: new Date(at),
  };
}

/** The behaviour every CategoryRepository must have; `makeRepo` gives an empty store. */
export function categoryRepositoryContract(makeRepo: () => CategoryRepository | Promise<CategoryRepository>): void {
  let repo: CategoryRepository;
  beforeEach(async () => {
    repo = await makeRepo();
  });

  async function created(name: string, parent: Category | null = null): Promise<Category> {
    const stored = category(name, parent);
    await repo.create(stored);
    return stored;
  }

  it('finds a created category by id, with its attribute definitions and dates', async () => {
    const attributes: AttributeDefinition[] = [
      { key: 'condition', label: 'État', type: 'enum', required: true, options: ['neuf', 'usé'] },
      { key: 'frame_size', label: 'Cadre', type: 'number', required: false, unit: 'cm', min: 40, max: 65 },
      { key: 'electric', label: 'Électrique', type: 'boolean', required: false },
    ];
    const root = await created('Véhicules');
    const bikes = { ...category('Vélos', root, attributes), updatedAt: new Date('2026-03-02T10:00:00.000Z') };
    await repo.create(bikes);
    const found = await repo.findById(bikes.id);
    expect(found).toEqual(bikes);
    expect(found?.createdAt).toBeInstanceOf(Date);
    expect(found?.attributes[2]).not.toHaveProperty('options');
  });

  it('answers null for an unknown id', async () => {
    expect(await repo.findById(randomUUID())).toBeNull();
  });

  it('refuses a second sibling with the same slug: CATEGORY_NAME_TAKEN, also among roots', async () => {
    const root = await created('Maison');
    await created('Cuisine', root);
    await expect(repo.create(category('Cuisine', root))).rejects.toMatchObject({
      code: 'CATEGORY_NAME_TAKEN',
      kind: 'conflict',
    });
    await expect(repo.create(category('Maison'))).rejects.toMatchObject({ code: 'CATEGORY_NAME_TAKEN' });
    await created('Cuisine', await created('Jardin'));
    await created('Cuisine');
    expect(await repo.listAll()).toHaveLength(5);
  });

  it('of 20 concurrent creates of one slug under one parent exactly one succeeds, the others get CATEGORY_NAME_TAKEN', async () => {
    const root = await created('Électronique');
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => repo.create(category('Audio', root))));
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(results.length - rejected.length).toBe(1);
    for (const result of rejected) expect(result.reason).toMatchObject({ code: 'CATEGORY_NAME_TAKEN' });
  });

  it('save replaces the category, and may keep its own slug', async () => {
    const stored = await created('Jardin');
    const renamed = {
      ...stored,
      name: 'Jardin & extérieur',
      slug: slugify('Jardin & extérieur'),
      updatedAt: new Date('2026-03-03T00:00:00.000Z'),
    };
    await repo.save(renamed);
    expect(await repo.findById(stored.id)).toEqual(renamed);
    const relabelled = {
      ...renamed,
      attributes: [{ key: 'size', label: 'Taille', type: 'string' as const, required: false }],
    };
    await repo.save(relabelled);
    expect(await repo.findById(stored.id)).toEqual(relabelled);
  });

  it('save of an unknown category: CATEGORY_NOT_FOUND, and nothing is stored', async () => {
    const unknown = category('Nulle part');
    await expect(repo.save(unknown)).rejects.toMatchObject({ code: 'CATEGORY_NOT_FOUND', kind: 'not_found' });
    expect(await repo.findById(unknown.id)).toBeNull();
  });

  it("save taking a sibling's slug: CATEGORY_NAME_TAKEN, and the category is unchanged (FerretDB included)", async () => {
    const root = await created('Maison');
    await created('Cuisine', root);
    const garden = await created('Jardin', root);
    await expect(repo.save({ ...garden, name: 'Cuisine', slug: 'cuisine' })).rejects.toMatchObject({
      code: 'CATEGORY_NAME_TAKEN',
      kind: 'conflict',
    });
    expect(await repo.findById(garden.id)).toEqual(garden);
  });

  it('saveMoved moves the category and rewrites the ancestorIds of its whole subtree, nothing else', async () => {
    const vehicles = await created('Véhicules');
    const bikes = await created('Vélos', vehicles);
    const electric = await created('Vélos électriques', bikes);
    const cargo = await created('Cargos', electric);
    const motos = await created('Motos', vehicles);
    const sport = await created('Sport');
    const moved = { ...bikes, parentId: sport.id, ancestorIds: [sport.id] };
    await repo.saveMoved(moved, bikes.ancestorIds);
    expect(await repo.findById(bikes.id)).toEqual(moved);
    expect(await repo.findById(electric.id)).toEqual({ ...electric, ancestorIds: [sport.id, bikes.id] });
    expect(await repo.findById(cargo.id)).toEqual({ ...cargo, ancestorIds: [sport.id, bikes.id, electric.id] });
    expect(await repo.findById(motos.id)).toEqual(motos);
    expect((await repo.findDescendants(vehicles.id)).map((c) => c.id)).toEqual([motos.id]);
    expect((await repo.findDescendants(sport.id)).map((c) => c.id)).toEqual([bikes.id, electric.id, cargo.id]);
  });

  it('saveMoved to the root shortens the ancestorIds of the subtree', async () => {
    const root = await created('Maison');
    const kitchen = await created('Cuisine', root);
    const pans = await created('Casseroles', kitchen);
    await repo.saveMoved({ ...kitchen, parentId: null, ancestorIds: [] }, kitchen.ancestorIds);
    expect(await repo.findById(pans.id)).toEqual({ ...pans, ancestorIds: [kitchen.id] });
  });

  it('saveMoved under a parent where the slug is taken: CATEGORY_NAME_TAKEN, and the subtree is unchanged', async () => {
    const home = await created('Maison');
    const garden = await created('Jardin');
    await created('Outils', home);
    const tools = await created('Outils', garden);
    const saws = await created('Scies', tools);
    await expect(
      repo.saveMoved({ ...tools, parentId: home.id, ancestorIds: [home.id] }, tools.ancestorIds),
    ).rejects.toMatchObject({ code: 'CATEGORY_NAME_TAKEN' });
    expect(await repo.findById(tools.id)).toEqual(tools);
    expect(await repo.findById(saws.id)).toEqual(saws);
  });

  it('findDescendants answers every category below, at any depth, by depth then name; not itself nor its siblings', async () => {
    const root = await created('Maison');
    const kitchen = await created('Cuisine', root);
    const garden = await created('Jardin', root);
    const tools = await created('Outils', garden);
    const pans = await created('Casseroles', kitchen);
    const coffee = await created('Cafetières', kitchen);
    await created('Électronique');
    expect((await repo.findDescendants(root.id)).map((c) => c.name)).toEqual([
      'Cuisine',
      'Jardin',
      'Cafetières',
      'Casseroles',
      'Outils',
    ]);
    expect(await repo.findDescendants(kitchen.id)).toEqual([coffee, pans]);
    expect(await repo.findDescendants(tools.id)).toEqual([]);
    expect(await repo.findDescendants(randomUUID())).toEqual([]);
  });

  it('listAll answers every category by depth, then name with accents and case ignored', async () => {
    const electronics = await created('Électronique');
    const home = await created('maison');
    await created('Vélos', await created('Auto'));
    await created('Audio', electronics);
    await created('Cuisine', home);
    expect((await repo.listAll()).map((c) => c.name)).toEqual([
      'Auto',
      'Électronique',
      'maison',
      'Audio',
      'Cuisine',
      'Vélos',
    ]);
  });

  it('delete removes the category; deleting an unknown one does nothing', async () => {
    const stored = await created('Éphémère');
    await repo.delete(stored.id);
    await repo.delete(randomUUID());
    expect(await repo.findById(stored.id)).toBeNull();
    await created('Éphémère');
  });

  it('keeps its own copies: changing a passed or returned category changes nothing stored', async () => {
    const root = await created('Maison');
    const kitchen = category('Cuisine', root, [
      { key: 'condition', label: 'État', type: 'enum', required: true, options: ['neuf'] },
    ]);
    await repo.create(kitchen);
    const original = structuredClone(kitchen);
    kitchen.ancestorIds.push('x');
    kitchen.attributes[0]?.options?.push('usé');
    kitchen.createdAt.setFullYear(2000);
    const [found] = await repo.findDescendants(root.id);
    found?.attributes.push({ key: 'x', label: 'x', type: 'string', required: false });
    expect(await repo.findById(kitchen.id)).toEqual(original);
  });
}
