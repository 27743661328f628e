import { describe } from 'vitest';
import { MemoryListingRepository } from '../../../src/adapters/memory/catalog/memory-listing-repository.js';
import { MemoryOutbox } from '../../../src/adapters/memory/shared/memory-outbox.js';
import { MongoListingRepository } from '../../../src/adapters/mongo/catalog/mongo-listing-repository.js';
import { MongoOutboxStore } from '../../../src/adapters/mongo/shared/mongo-outbox.js';
import { isFerretDbAt, useMongoDatabase } from '../../support/mongo.js';
import { describeWithService } from '../../support/real-services.js';
import { listingRepositoryContract } from './listing-repository.contract.js';

const onFerretDb = await isFerretDbAt(process.env.MONGO_URL);

describe('MemoryListingRepository', () => {
  listingRepositoryContract(async () => {
    const outbox = new MemoryOutbox();
    return { repo: new MemoryListingRepository(outbox), outbox };
  });
});

describeWithService('MONGO_URL', 'MongoListingRepository', (url) => {
  const db = useMongoDatabase(url);
  listingRepositoryContract(
    async () => {
      await db().collection('listings').deleteMany({});
      const outbox = new MongoOutboxStore(db().collection('listings'));
      const repo = new MongoListingRepository(db(), outbox);
      await Promise.all([repo.ensureIndexes(), outbox.ensureIndexes()]);
      return { repo, outbox };
    },
    { onFerretDb },
  );
});
