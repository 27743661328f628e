import type { CategoryNode } from '../../application/catalog/get-category-tree/get-category-tree.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { slugify } from '../../domain/shared/text.js';
import type { DemoUser } from './demo-cast.js';
import type { DemoCategory } from './demo-catalog-data.js';
import type { DemoDeps } from './demo-deps.js';

interface Parent {
  id: string | null;
  /** The names from the root down to the parent (empty at the root). */
  names: string[];
  children: CategoryNode[];
}

/**
 * The demo's category tree, each category found by its slug under its parent (an earlier seed made it) or created by
 * the admin. Answers every category's id by its path (`Electronics/Cameras`).
 */
export async function seedCategories(
  deps: DemoDeps,
  admin: DemoUser,
  tree: DemoCategory[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const seedLevel = async (level: DemoCategory[], parent: Parent) => {
    for (const category of level) {
      const node = await foundOrCreated(deps, admin, category, parent);
      const names = [...parent.names, category.name];
      ids.set(names.join('/'), node.category.id);
      await seedLevel(category.children ?? [], { id: node.category.id, names, children: node.children });
    }
  };
  await seedLevel(tree, { id: null, names: [], children: await deps.catalog.getCategoryTree.execute() });
  return ids;
}

async function foundOrCreated(
  deps: DemoDeps,
  admin: DemoUser,
  category: DemoCategory,
  parent: Parent,
): Promise<CategoryNode> {
  const existing = nodeAt(parent.children, [category.name]);
  if (existing) return existing;
  try {
    const created = await deps.catalog.createCategory.execute({
      adminId: admin.id,
      name: category.name,
      parentId: parent.id,
      attributes: category.attributes ?? [],
    });
    return { category: created, children: [] };
  } catch (error) {
    // Another instance seeding the same stores created it meanwhile: take theirs.
    if (!(error instanceof DomainError && error.code === 'CATEGORY_NAME_TAKEN')) throw error;
    const theirs = nodeAt(await deps.catalog.getCategoryTree.execute(), [...parent.names, category.name]);
    if (!theirs) throw error;
    return theirs;
  }
}

/** The node down these names from `nodes`, each matched by slug as the catalogue keeps names unique. */
function nodeAt(nodes: CategoryNode[], names: string[]): CategoryNode | undefined {
  const [first, ...rest] = names;
  const node = nodes.find((n) => n.category.slug === slugify(first ?? ''));
  return node && rest.length > 0 ? nodeAt(node.children, rest) : node;
}
