import type { ArchiveListing } from './archive-listing/archive-listing.js';
import type { CreateCategory } from './create-category/create-category.js';
import type { CreateListing } from './create-listing/create-listing.js';
import type { DeleteCategory } from './delete-category/delete-category.js';
import type { GetCategoryTree } from './get-category-tree/get-category-tree.js';
import type { GetCategory } from './get-category/get-category.js';
import type { GetListing } from './get-listing/get-listing.js';
import type { ListModerationQueue } from './list-moderation-queue/list-moderation-queue.js';
import type { ModerateListing } from './moderate-listing/moderate-listing.js';
import type { PublishListing } from './publish-listing/publish-listing.js';
import type { SearchListings } from './search-listings/search-listings.js';
import type { UpdateCategory } from './update-category/update-category.js';
import type { UpdateListing } from './update-listing/update-listing.js';

/** The catalog use cases its driving adapters (the HTTP routes) call, bound by its composition. */
export interface CatalogUseCases {
  getCategoryTree: GetCategoryTree;
  getCategory: GetCategory;
  createCategory: CreateCategory;
  updateCategory: UpdateCategory;
  deleteCategory: DeleteCategory;
  createListing: CreateListing;
  searchListings: SearchListings;
  getListing: GetListing;
  updateListing: UpdateListing;
  publishListing: PublishListing;
  archiveListing: ArchiveListing;
  listModerationQueue: ListModerationQueue;
  moderateListing: ModerateListing;
}
export const CatalogUseCases = Symbol.for('CatalogUseCases');
