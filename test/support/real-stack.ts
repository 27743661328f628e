import { FollowAcceptedBids } from '../../src/application/auctions/follow-accepted-bids/follow-accepted-bids.js';
import { RecordAuctionOrder } from '../../src/application/auctions/record-auction-order/record-auction-order.js';
import { RestockCancelledOrder } from '../../src/application/cart/restock-cancelled-order/restock-cancelled-order.js';
import { SyncStockFromListing } from '../../src/application/cart/sync-stock-from-listing/sync-stock-from-listing.js';
import { AdjustListingStock } from '../../src/application/catalog/adjust-listing-stock/adjust-listing-stock.js';
import { ReapplyAutoModeration } from '../../src/application/catalog/reapply-auto-moderation/reapply-auto-moderation.js';
import { ApplyModerationVerdict } from '../../src/application/media/apply-moderation-verdict/apply-moderation-verdict.js';
import { CreateAuctionOrder } from '../../src/application/orders/create-auction-order/create-auction-order.js';
import { FollowDelivery } from '../../src/application/orders/follow-delivery/follow-delivery.js';
import { OfferSecondChance } from '../../src/application/orders/offer-second-chance/offer-second-chance.js';
import { CancelOrderDelivery } from '../../src/application/delivery/cancel-order-delivery/cancel-order-delivery.js';
import { DeliverNotification } from '../../src/application/notifications/deliver-notification/deliver-notification.js';
import { uniqueName } from './real-services.js';
import { TEST_ADMIN } from './http-helpers.js';

/** Every durable consumer the app declares a queue for (add new consumers here). */
const consumers = [
  ReapplyAutoModeration.consumer,
  ApplyModerationVerdict.consumer,
  SyncStockFromListing.consumer,
  RestockCancelledOrder.consumer,
  AdjustListingStock.consumer,
  CreateAuctionOrder.consumer,
  RecordAuctionOrder.consumer,
  FollowAcceptedBids.consumer,
  FollowDelivery.consumer,
  OfferSecondChance.consumer,
  CancelOrderDelivery.consumer,
  DeliverNotification.consumer,
  'realtime.gateway',
];

export interface RealStack {
  /** The environment of every instance of the test: the same servers and names. */
  env: Record<string, string>;
  /** Drops the database and deletes the exchanges and queues the instances declared. */
  cleanup(): Promise<void>;
}

/** MongoDB, Redis and RabbitMQ under names unique to this test run, as `docker compose up` runs them. */
export function realStack(
  urls: { mongoUrl: string; redisUrl: string; amqpUrl: string },
  extra: Record<string, string> = {},
): RealStack {
  const database = uniqueName('uty_http');
  const exchange = uniqueName('uty.events');
  const queuePrefix = uniqueName('uty');
  const env = {
    MONGO_URL: urls.mongoUrl,
    MONGO_DB: database,
    REDIS_URL: urls.redisUrl,
    REDIS_KEY_PREFIX: `${uniqueName('uty')}:`,
    AMQP_URL: urls.amqpUrl,
    AMQP_EXCHANGE: exchange,
    AMQP_QUEUE_PREFIX: queuePrefix,
    ...TEST_ADMIN,
    ...extra,
  };
  const cleanup = async () => {
    const { MongoClient } = await import('mongodb');
    const client = await MongoClient.connect(urls.mongoUrl);
    await client.db(database).dropDatabase();
    await client.close();
    const amqp = await import('amqplib');
    const connection = await amqp.connect(urls.amqpUrl);
    const channel = await connection.createChannel();
    for (const consumer of consumers) {
      for (const queue of [`${queuePrefix}.${consumer}`, `${queuePrefix}.${consumer}.dead`])
        await channel.deleteQueue(queue);
    }
    for (const name of [exchange, `${exchange}.dead-letter`]) await channel.deleteExchange(name);
    await connection.close();
  };
  return { env, cleanup };
}
