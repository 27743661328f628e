import { describe } from 'vitest';
import { MemoryUserRepository } from '../../../src/adapters/memory/identity/memory-user-repository.js';
import { MemoryOutbox } from '../../../src/adapters/memory/shared/memory-outbox.js';
import { MongoUserRepository } from '../../../src/adapters/mongo/identity/mongo-user-repository.js';
import { MongoOutboxStore } from '../../../src/adapters/mongo/shared/mongo-outbox.js';
import { isFerretDbAt, useMongoDatabase } from '../../support/mongo.js';
import { describeWithService } from '../../support/real-services.js';
import { userRepositoryContract } from './user-repository.contract.js';

const onFerretDb = await isFerretDbAt(process.env.MONGO_URL);

describe('MemoryUserRepository', () => {
  userRepositoryContract(async () => {
    const outbox = new MemoryOutbox();
    return { repo: new MemoryUserRepository(outbox), outbox };
  });
});

describeWithService('MONGO_URL', 'MongoUserRepository', (url) => {
  const db = useMongoDatabase(url);
  userRepositoryContract(
    async () => {
      const outbox = new MongoOutboxStore(db().collection('users'));
      const repo = new MongoUserRepository(db(), outbox);
      await Promise.all([repo.ensureIndexes(), outbox.ensureIndexes()]);
      return { repo, outbox };
    },
    { onFerretDb },
  );
});
