import { describe } from 'vitest';
import { MemoryCategoryRepository } from '../../../src/adapters/memory/catalog/memory-category-repository.js';
import { MongoCategoryRepository } from '../../../src/adapters/mongo/catalog/mongo-category-repository.js';
import { useMongoDatabase } from '../../support/mongo.js';
import { describeWithService } from '../../support/real-services.js';
import { categoryRepositoryContract } from './category-repository.contract.js';

describe('MemoryCategoryRepository', () => {
  categoryRepositoryContract(() => new MemoryCategoryRepository());
});

describeWithService('MONGO_URL', 'MongoCategoryRepository', (url) => {
  const db = useMongoDatabase(url);
  categoryRepositoryContract(async () => {
    await db().collection('categories').deleteMany({});
    const repo = new MongoCategoryRepository(db());
    await repo.ensureIndexes();
    return repo;
  });
});
