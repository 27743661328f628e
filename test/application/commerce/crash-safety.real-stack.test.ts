import { describeWithService } from '../../support/real-services.js';
import { crashSafetySuite } from './crash-safety.js';

/**
 * The same faults on the real stores: orders and listings in MongoDB (their events in the
 * documents' outboxes), the stock ledger, its outbox stream and the Idempotency-Keys in Redis
 * (whose leases run on the real clock: a short checkout timeout keeps the test quick).
 */
describeWithService('MONGO_URL', 'checkout, pay and cancel under faults', (mongoUrl) => {
  describeWithService('REDIS_URL', 'on MongoDB and Redis', (redisUrl) => {
    crashSafetySuite({ MONGO_URL: mongoUrl, REDIS_URL: redisUrl, ORDER_CHECKOUT_TIMEOUT_MS: '500' });
  });
});
