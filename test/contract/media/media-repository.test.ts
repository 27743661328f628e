import { describe } from 'vitest';
import { MemoryMediaRepository } from '../../../src/adapters/memory/media/memory-media-repository.js';
import { MemoryOutbox } from '../../../src/adapters/memory/shared/memory-outbox.js';
import { MongoMediaRepository } from '../../../src/adapters/mongo/media/mongo-media-repository.js';
import { MongoOutboxStore } from '../../../src/adapters/mongo/shared/mongo-outbox.js';
import { isFerretDbAt, useMongoDatabase } from '../../support/mongo.js';
import { describeWithService } from '../../support/real-services.js';
import { mediaRepositoryContract } from './media-repository.contract.js';

const onFerretDb = await isFerretDbAt(process.env.MONGO_URL);

describe('MemoryMediaRepository', () => {
  mediaRepositoryContract(async () => {
    const outbox = new MemoryOutbox();
    return { repo: new MemoryMediaRepository(outbox), outbox };
  });
});

describeWithService('MONGO_URL', 'MongoMediaRepository', (url) => {
  const db = useMongoDatabase(url);
  mediaRepositoryContract(
    async () => {
      const outbox = new MongoOutboxStore(db().collection('media'));
      const repo = new MongoMediaRepository(db(), outbox);
      await Promise.all([repo.ensureIndexes(), outbox.ensureIndexes()]);
      return { repo, outbox };
    },
    { onFerretDb },
  );
});
