import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';
import type { CategoryRepository } from '../../../application/catalog/ports/category-repository.js';
import { categoryErrors, type Category } from '../../../domain/catalog/category.js';
import { copyCategory } from '../../shared/catalog/copies.js';
import { compareCategories } from '../../shared/catalog/ordering.js';
import { isUniqueViolation } from '../shared/errors.js';

type CategoryDocument = Omit<Category, 'id'> & { _id: string };

/**
 * Categories in the `categories` collection, `_id` = id. A slug is unique among siblings by a
 * unique index on (parentId, slug); `ancestorIds` is indexed, so a subtree is one index hit.
 */
export class MongoCategoryRepository implements CategoryRepository {
  private readonly categories: Collection<CategoryDocument>;

  constructor(db: Db) {
    this.categories = db.collection<CategoryDocument>('categories', { ignoreUndefined: true });
  }

  /**
   * Creates the unique (parentId, slug) index that create and save rely on, and the ancestorIds index; call once at
   * start.
   */
  async ensureIndexes(): Promise<void> {
    await this.categories.createIndex({ parentId: 1, slug: 1 }, { unique: true, name: 'parentId_slug_unique' });
    await this.categories.createIndex({ ancestorIds: 1 }, { name: 'ancestorIds' });
  }

  async create(category: Category): Promise<void> {
    await translatingNameConflict(() => this.categories.insertOne(toDocument(category)));
  }

  async save(category: Category): Promise<void> {
    const result = await translatingNameConflict(() =>
      this.categories.replaceOne({ _id: category.id }, toDocument(category)),
    );
    if (result.matchedCount === 0) throw categoryErrors.notFound();
  }

  /**
   * Saves the category, then rewrites its descendants' ancestorIds in one unordered bulk write
   * (read first, then one `$set` per descendant: FerretDB has no arrayFilters). Without
   * transactions (FerretDB has none) the two steps are not atomic; calling it again with the
   * same arguments finishes an interrupted move.
   */
  async saveMoved(category: Category, oldAncestorIds: string[]): Promise<void> {
    await this.save(category);
    const descendants = await this.categories
      .find({ ancestorIds: category.id }, { projection: { ancestorIds: 1 } })
      .toArray();
    if (descendants.length === 0) return;
    const rewrites: AnyBulkWriteOperation<CategoryDocument>[] = descendants.map((descendant) => ({
      updateOne: {
        filter: { _id: descendant._id },
        update: {
          $set: { ancestorIds: [...category.ancestorIds, ...descendant.ancestorIds.slice(oldAncestorIds.length)] },
        },
      },
    }));
    await this.categories.bulkWrite(rewrites, { ordered: false });
  }

  async delete(id: string): Promise<void> {
    await this.categories.deleteOne({ _id: id });
  }

  async findById(id: string): Promise<Category | null> {
    const document = await this.categories.findOne({ _id: id });
    return document && toCategory(document);
  }

  /** The tree is small: sorted here, where depth (the length of ancestorIds) is at hand. */
  async listAll(): Promise<Category[]> {
    const documents = await this.categories.find().toArray();
    return documents.map(toCategory).sort(compareCategories);
  }

  async findDescendants(id: string): Promise<Category[]> {
    const documents = await this.categories.find({ ancestorIds: id }).toArray();
    return documents.map(toCategory).sort(compareCategories);
  }
}

async function translatingNameConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw isUniqueViolation(error, 'slug') ? categoryErrors.nameTaken() : error;
  }
}

function toDocument(category: Category): CategoryDocument {
  const { id, ...rest } = copyCategory(category);
  return { _id: id, ...rest };
}

function toCategory(document: CategoryDocument): Category {
  const { _id, ...rest } = document;
  return copyCategory({ id: _id, ...rest });
}
