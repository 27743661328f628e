import { describe } from 'vitest';
import { MemoryUserRepository } from '../../../src/adapters/memory/identity/memory-user-repository.js';
import { MongoUserRepository } from '../../../src/adapters/mongo/identity/mongo-user-repository.js';
import { useMongoDatabase } from '../../support/mongo.js';
import { describeWithService } from '../../support/real-services.js';
import { userRepositoryContract } from './user-repository.contract.js';

describe('MemoryUserRepository', () => {
  userRepositoryContract(() => new MemoryUserRepository());
});

describeWithService('MONGO_URL', 'MongoUserRepository', (url) => {
  const db = useMongoDatabase(url);
  userRepositoryContract(async () => {
    const repo = new MongoUserRepository(db());
    await repo.ensureIndexes();
    return repo;
  });
});
