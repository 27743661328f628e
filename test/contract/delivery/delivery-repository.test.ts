import { describe } from 'vitest';
import { MemoryDeliveryRepository } from '../../../src/adapters/memory/delivery/memory-delivery-repository.js';
import { MemoryOutbox } from '../../../src/adapters/memory/shared/memory-outbox.js';
import { MongoDeliveryRepository } from '../../../src/adapters/mongo/delivery/mongo-delivery-repository.js';
import { MongoOutboxStore } from '../../../src/adapters/mongo/shared/mongo-outbox.js';
import { isFerretDbAt, useMongoDatabase } from '../../support/mongo.js';
import { describeWithService } from '../../support/real-services.js';
import { deliveryRepositoryContract } from './delivery-repository.contract.js';

const onFerretDb = await isFerretDbAt(process.env.MONGO_URL);

describe('MemoryDeliveryRepository', () => {
  deliveryRepositoryContract(async () => {
    const outbox = new MemoryOutbox();
    return { repo: new MemoryDeliveryRepository(outbox), outbox };
  });
});

describeWithService('MONGO_URL', 'MongoDeliveryRepository', (url) => {
  const db = useMongoDatabase(url);
  deliveryRepositoryContract(
    async () => {
      const outbox = new MongoOutboxStore(db().collection('deliveries'));
      const repo = new MongoDeliveryRepository(db(), outbox);
      await Promise.all([repo.ensureIndexes(), outbox.ensureIndexes()]);
      return { repo, outbox };
    },
    { onFerretDb },
  );
});
