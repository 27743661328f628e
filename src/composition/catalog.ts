import type { Container } from 'inversify';
import type { Db } from 'mongodb';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { AdjustListingStock } from '../application/catalog/adjust-listing-stock/adjust-listing-stock.js';
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
import { UserRepository } from '../application/identity/ports/user-repository.js';
import { AuditLog } from '../application/audit/ports/audit-log.js';
import { EventBus } from '../application/shared/events/event-bus.js';
import { EventFactory, EventFactoryToken } from '../application/shared/events/event-factory.js';
import { Clock } from '../application/shared/ports/clock.js';
import { IdGenerator } from '../application/shared/ports/id-generator.js';
import { InProcessCategoryAuditTrail } from '../adapters/in-process/audit-category-trail.js';
import { IdentitySellerVerification } from '../adapters/in-process/identity-seller-verification.js';
import { MemoryCategoryRepository } from '../adapters/memory/catalog/memory-category-repository.js';
import { MemoryCategoryTreeCache } from '../adapters/memory/catalog/memory-category-tree-cache.js';
import { MemoryListingRepository } from '../adapters/memory/catalog/memory-listing-repository.js';
import { MemoryOutbox, MemoryOutboxToken } from '../adapters/memory/shared/memory-outbox.js';
import { MongoCategoryRepository } from '../adapters/mongo/catalog/mongo-category-repository.js';
import { MongoListingRepository } from '../adapters/mongo/catalog/mongo-listing-repository.js';
import { MongoDbToken } from '../adapters/mongo/mongo-connection.js';
import { RedisCategoryTreeCache } from '../adapters/redis/catalog/redis-category-tree-cache.js';
import { RedisKeyPrefix, RedisToken } from '../adapters/redis/redis-connection.js';
import { bindUseCase } from './bind-use-case.js';
import { mongoOutboxStore } from './outbox.js';

async function bindStores(container: Container): Promise<void> {
  if (container.isBound(MongoDbToken)) {
    const db = container.get<Db>(MongoDbToken);
    const listings = new MongoListingRepository(db, await mongoOutboxStore(container, 'listings'));
    const stores = { categories: new MongoCategoryRepository(db), listings };
    await Promise.all(Object.values(stores).map((store) => store.ensureIndexes()));
    container.bind<CategoryRepository>(CategoryRepository).toConstantValue(stores.categories);
    container.bind<ListingRepository>(ListingRepository).toConstantValue(stores.listings);
  } else {
    container.bind<CategoryRepository>(CategoryRepository).toConstantValue(new MemoryCategoryRepository());
    const outbox = container.get<MemoryOutbox>(MemoryOutboxToken);
    container.bind<ListingRepository>(ListingRepository).toConstantValue(new MemoryListingRepository(outbox));
  }
  const cache = container.isBound(RedisToken)
    ? new RedisCategoryTreeCache(container.get<Redis>(RedisToken), container.get<string>(RedisKeyPrefix))
    : new MemoryCategoryTreeCache();
  container.bind<CategoryTreeCache>(CategoryTreeCache).toConstantValue(cache);
}

function bindServices(container: Container, config: Config): void {
  container.bind<AuditTrail>(AuditTrail).toResolvedValue((audit: AuditLog) => new InProcessCategoryAuditTrail(audit), [AuditLog]);
  container.bind<SellerVerification>(SellerVerification).toResolvedValue((users: UserRepository) => new IdentitySellerVerification(users), [UserRepository]);
  container.bind(CategoryReader).toResolvedValue((repo: CategoryRepository, cache: CategoryTreeCache) => new CategoryReader(repo, cache), [CategoryRepository, CategoryTreeCache]);
  container.bind(AutoModerator).toResolvedValue((media: MediaStatusLookup) => new AutoModerator(media, config.catalog.bannedWords), [MediaStatusLookup]);
  container.bind(ListingEvents).toResolvedValue((factory: EventFactory) => new ListingEvents(factory), [
    EventFactoryToken,
  ]);
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
}

/** Catalog: categories, listings, moderation and search. */
export async function bindCatalog(container: Container, config: Config): Promise<void> {
  await bindStores(container);
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
