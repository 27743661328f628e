import { describe } from 'vitest';
import { MemoryListingRepository } from '../../../src/adapters/memory/catalog/memory-listing-repository.js';
import { MongoListingRepository } from '../../../src/adapters/mongo/catalog/mongo-listing-repository.js';
import { isFerretDbAt, useMongoDatabase } from '../../support/mongo.js';
import { describeWithService } from '../../support/real-services.js';
import { listingRepositoryContract } from './listing-repository.contract.js';

const onFerretDb = await isFerretDbAt(process.env.MONGO_URL);

describe('MemoryListingRepository', () => {
  listingRepositoryContract(() => new MemoryListingRepository());
});

describeWithService('MONGO_URL', 'MongoListingRepository', (url) => {
  const db = useMongoDatabase(url);
  listingRepositoryContract(
    async () => {
      await db().collection('listings').deleteMany({});
      const repo = new MongoListingRepository(db());
      await repo.ensureIndexes();
      return repo;
    },
    { onFerretDb },
  );
});
