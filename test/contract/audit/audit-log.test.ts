import { describe } from 'vitest';
import { MemoryAuditLog } from '../../../src/adapters/memory/audit/memory-audit-log.js';
import { MongoAuditLog } from '../../../src/adapters/mongo/audit/mongo-audit-log.js';
import { useMongoDatabase } from '../../support/mongo.js';
import { describeWithService } from '../../support/real-services.js';
import { auditLogContract } from './audit-log.contract.js';

describe('MemoryAuditLog', () => {
  auditLogContract(() => new MemoryAuditLog());
});

describeWithService('MONGO_URL', 'MongoAuditLog', (url) => {
  const db = useMongoDatabase(url);
  auditLogContract(async () => {
    const log = new MongoAuditLog(db());
    await log.ensureIndexes();
    return log;
  });
});
