import { describe } from 'vitest';
import { MemoryDeliveryRepository } from '../../../src/adapters/memory/delivery/memory-delivery-repository.js';
import { MongoDeliveryRepository } from '../../../src/adapters/mongo/delivery/mongo-delivery-repository.js';
import { isFerretDbAt, useMongoDatabase } from '../../support/mongo.js';
import { describeWithService } from '../../support/real-services.js';
import { deliveryRepositoryContract } from './delivery-repository.contract.js';

const onFerretDb = await isFerretDbAt(process.env.MONGO_URL);

describe('MemoryDeliveryRepository', () => {
  deliveryRepositoryContract(async () => new MemoryDeliveryRepository());
});

describeWithService('MONGO_URL', 'MongoDeliveryRepository', (url) => {
  const db = useMongoDatabase(url);
  deliveryRepositoryContract(
    async () => {
      const repo = new MongoDeliveryRepository(db());
      await repo.ensureIndexes();
      return repo;
    },
    { onFerretDb },
  );
});
