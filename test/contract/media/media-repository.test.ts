import { describe } from 'vitest';
import { MemoryMediaRepository } from '../../../src/adapters/memory/media/memory-media-repository.js';
import { MongoMediaRepository } from '../../../src/adapters/mongo/media/mongo-media-repository.js';
import { isFerretDbAt, useMongoDatabase } from '../../support/mongo.js';
import { describeWithService } from '../../support/real-services.js';
import { mediaRepositoryContract } from './media-repository.contract.js';

const onFerretDb = await isFerretDbAt(process.env.MONGO_URL);

describe('MemoryMediaRepository', () => {
  mediaRepositoryContract(() => new MemoryMediaRepository());
});

describeWithService('MONGO_URL', 'MongoMediaRepository', (url) => {
  const db = useMongoDatabase(url);
  mediaRepositoryContract(
    async () => {
      const repo = new MongoMediaRepository(db());
      await repo.ensureIndexes();
      return repo;
    },
    { onFerretDb },
  );
});
