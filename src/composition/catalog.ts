import type { Container } from 'inversify';
import type { Config } from '../config.js';
import { AdjustListingStock } from '../application/catalog/adjust-listing-stock/adjust-listing-stock.js';
import { CatalogUseCases } from '../application/catalog/use-cases.js';
import { ArchiveListing } from '../application/catalog/archive-listing/archive-listing.js';
import { AutoModerator } from '../application/catalog/auto-moderator.js';
import { CategoryReader } from '../application/catalog/category-reader.js';
import { CreateCategory } from '../application/catalog/create-category/create-category.js';
import { CreateListing } from '../application/catalog/create-listing/create-listing.js';
import { DeleteCategory } from '../application/catalog/delete-category/delete-category.js';
import { GetCategory } from '../application/catalog/get-category/get-category.js';
import { GetCategoryTree } from '../application/catalog/get-category-tree/get-category-tree.js';
import { GetListing } from '../application/catalog/get-listing/get-listing.js';
import { ListModerationQueue } from '../application/catalog/list-moderation-queue/list-moderation-queue.js';
import { ListingEvents } from '../application/catalog/listing-events.js';
import { ModerateListing } from '../application/catalog/moderate-listing/moderate-listing.js';
import { AuditTrail } from '../application/catalog/ports/audit-trail.js';
import { CategoryRepository } from '../application/catalog/ports/category-repository.js';
import { CategoryTreeCache } from '../application/catalog/ports/category-tree-cache.js';
import { ListingRepository } from '../application/catalog/ports/listing-repository.js';
import { MediaStatusLookup } from '../application/catalog/ports/media-status-lookup.js';
import { SellerVerification } from '../application/catalog/ports/seller-verification.js';
import { StockAvailability } from '../application/catalog/ports/stock-availability.js';
import { PublishListing } from '../application/catalog/publish-listing/publish-listing.js';
import { ReapplyAutoModeration } from '../application/catalog/reapply-auto-moderation/reapply-auto-moderation.js';
import { SearchListings } from '../application/catalog/search-listings/search-listings.js';
import { UpdateCategory } from '../application/catalog/update-category/update-category.js';
import { UpdateListing } from '../application/catalog/update-listing/update-listing.js';
import { IdentityApi } from '../application/identity/public.js';
import { AuditApi } from '../application/audit/public.js';
import { CatalogApi } from '../application/catalog/public.js';
import { CatalogPublicApi } from '../application/catalog/catalog-public-api.js';
import { EventBus } from '../application/shared/events/event-bus.js';
import { EventFactory, EventFactoryToken } from '../application/shared/events/event-factory.js';
import { Clock } from '../application/shared/ports/clock.js';
import { IdGenerator } from '../application/shared/ports/id-generator.js';
import { InProcessCategoryAuditTrail } from '../adapters/in-process/audit-catalog-category-trail.js';
import { IdentitySellerVerification } from '../adapters/in-process/identity-catalog-seller-verification.js';
import { MemoryCategoryRepository } from '../adapters/memory/catalog/memory-category-repository.js';
import { MemoryCategoryTreeCache } from '../adapters/memory/catalog/memory-category-tree-cache.js';
import { MemoryListingRepository } from '../adapters/memory/catalog/memory-listing-repository.js';
import { MemoryOutbox, MemoryOutboxToken } from '../adapters/memory/shared/memory-outbox.js';
import { MongoCategoryRepository } from '../adapters/mongo/catalog/mongo-category-repository.js';
import { MongoListingRepository } from '../adapters/mongo/catalog/mongo-listing-repository.js';
import { RedisCategoryTreeCache } from '../adapters/redis/catalog/redis-category-tree-cache.js';
import { bindUseCase, bindUseCaseSet } from './bind-use-case.js';
import { indexed, mongoOf, redisOf } from './connections.js';
import { bindPorts, port, type PortTable } from './port-wiring.js';
import { mongoOutboxStore } from './outbox.js';

/** Catalog's wiring table: categories and listings in MongoDB, the category tree cached in Redis. */
export function catalogPorts(): PortTable {
  return [
    port<CategoryRepository>({
      name: 'categoryRepository',
      token: CategoryRepository,
      adapters: {
        memory: () => new MemoryCategoryRepository(),
        mongodb: (container) => indexed(new MongoCategoryRepository(mongoOf(container))),
      },
    }),
    port<ListingRepository>({
      name: 'listingRepository',
      token: ListingRepository,
      adapters: {
        memory: (container) => new MemoryListingRepository(container.get<MemoryOutbox>(MemoryOutboxToken)),
        mongodb: async (container) =>
          indexed(new MongoListingRepository(mongoOf(container), await mongoOutboxStore(container, 'listings'))),
      },
    }),
    port<CategoryTreeCache>({
      name: 'categoryTreeCache',
      token: CategoryTreeCache,
      adapters: {
        memory: () => new MemoryCategoryTreeCache(),
        redis: (container) => new RedisCategoryTreeCache(...redisOf(container)),
      },
    }),
  ];
}

function bindServices(container: Container, config: Config): void {
  container
    .bind<AuditTrail>(AuditTrail)
    .toResolvedValue((audit: AuditApi) => new InProcessCategoryAuditTrail(audit), [AuditApi]);
  container
    .bind<SellerVerification>(SellerVerification)
    .toResolvedValue((identity: IdentityApi) => new IdentitySellerVerification(identity), [IdentityApi]);
  container
    .bind(CategoryReader)
    .toResolvedValue(
      (repo: CategoryRepository, cache: CategoryTreeCache) => new CategoryReader(repo, cache),
      [CategoryRepository, CategoryTreeCache],
    );
  container
    .bind(AutoModerator)
    .toResolvedValue(
      (media: MediaStatusLookup) => new AutoModerator(media, config.catalog.bannedWords),
      [MediaStatusLookup],
    );
  container
    .bind(ListingEvents)
    .toResolvedValue((factory: EventFactory) => new ListingEvents(factory), [EventFactoryToken]);
}

function bindUseCases(container: Container): void {
  const bind = bindUseCase(container);
  bind(CreateCategory, [CategoryRepository, CategoryReader, AuditTrail, IdGenerator, Clock]);
  bind(UpdateCategory, [CategoryRepository, CategoryReader, AuditTrail, IdGenerator, Clock]);
  bind(DeleteCategory, [CategoryRepository, ListingRepository, CategoryReader, AuditTrail, IdGenerator, Clock]);
  bind(GetCategoryTree, [CategoryReader]);
  bind(GetCategory, [CategoryReader]);
  bind(CreateListing, [ListingRepository, CategoryReader, ListingEvents, IdGenerator, Clock]);
  bind(UpdateListing, [ListingRepository, CategoryReader, AutoModerator, ListingEvents, Clock]);
  bind(PublishListing, [ListingRepository, SellerVerification, AutoModerator, ListingEvents, Clock]);
  bind(GetListing, [ListingRepository, StockAvailability]);
  bind(ArchiveListing, [ListingRepository, ListingEvents, Clock]);
  bind(SearchListings, [ListingRepository, CategoryReader, StockAvailability]);
  bind(ListModerationQueue, [ListingRepository]);
  bind(ModerateListing, [ListingRepository, ListingEvents, Clock]);
  bind(ReapplyAutoModeration, [ListingRepository, AutoModerator, ListingEvents, Clock]);
  bind(AdjustListingStock, [ListingRepository, Clock]);
  bindUseCaseSet(container, CatalogUseCases, {
    getCategoryTree: GetCategoryTree,
    getCategory: GetCategory,
    createCategory: CreateCategory,
    updateCategory: UpdateCategory,
    deleteCategory: DeleteCategory,
    createListing: CreateListing,
    searchListings: SearchListings,
    getListing: GetListing,
    updateListing: UpdateListing,
    publishListing: PublishListing,
    archiveListing: ArchiveListing,
    listModerationQueue: ListModerationQueue,
    moderateListing: ModerateListing,
  });
  container
    .bind<CatalogApi>(CatalogApi)
    .toResolvedValue(
      (listings: ListingRepository, clock: Clock) => new CatalogPublicApi(listings, clock),
      [ListingRepository, Clock],
    );
}

/** Catalog: categories, listings, moderation and search. */
export async function bindCatalog(container: Container, config: Config): Promise<void> {
  await bindPorts(container, config, catalogPorts());
  bindServices(container, config);
  bindUseCases(container);
}

/** The catalog's consumers; registered before the bus starts. */
export function subscribeCatalog(container: Container): void {
  const bus = container.get<EventBus>(EventBus);
  bus.subscribe({
    consumer: ReapplyAutoModeration.consumer,
    topics: ['image.moderation.result'],
    handler: (event) => container.get(ReapplyAutoModeration).handle(event),
  });
  bus.subscribe({
    consumer: AdjustListingStock.consumer,
    topics: ['order.created', 'order.cancelled'],
    handler: (event) => container.get(AdjustListingStock).handle(event),
  });
}
