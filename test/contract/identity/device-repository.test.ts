import { describe } from 'vitest';
import { MemoryDeviceRepository } from '../../../src/adapters/memory/identity/memory-device-repository.js';
import { MongoDeviceRepository } from '../../../src/adapters/mongo/identity/mongo-device-repository.js';
import { useMongoDatabase } from '../../support/mongo.js';
import { describeWithService } from '../../support/real-services.js';
import { deviceRepositoryContract } from './device-repository.contract.js';

describe('MemoryDeviceRepository', () => {
  deviceRepositoryContract(() => new MemoryDeviceRepository());
});

describeWithService('MONGO_URL', 'MongoDeviceRepository', (url) => {
  const db = useMongoDatabase(url);
  deviceRepositoryContract(async () => {
    const repo = new MongoDeviceRepository(db());
    await repo.ensureIndexes();
    return repo;
  });
});
