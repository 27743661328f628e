import type { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';

export interface RedisSocketAdapter {
  adapter: ServerOptions['adapter'];
  /** Quits the publishing connection; after the gateway's close() (which stops the stream readers). */
  close(): Promise<void>;
}

/**
 * The Socket.IO Redis Streams adapter on a new connection made from the app's client: an emit
 * made on one instance is appended to one Redis stream (capped at `maxLen` entries) that every
 * instance reads, so it reaches the sockets of every instance. Unlike the pub/sub adapter it
 * supports connection state recovery: a client that drops for a moment and comes back to any
 * instance gets the emits it missed (read back from the stream), and its session is kept in Redis.
 * The adapter duplicates the connection for its blocking stream reader; closing the gateway's
 * namespaces stops it (within `blockTimeInMs`).
 */
export async function redisSocketAdapter(redis: Redis, keyPrefix: string): Promise<RedisSocketAdapter> {
  const client = redis.duplicate();
  try {
    if (client.status === 'wait') await client.connect();
  } catch (error) {
    client.disconnect();
    throw error;
  }
  const { createAdapter } = await import('@socket.io/redis-streams-adapter'); // only with Redis
  const adapter = createAdapter(client, {
    streamName: `${keyPrefix}socket.io`,
    sessionKeyPrefix: `${keyPrefix}socket.io:session:`,
    channelPrefix: `${keyPrefix}socket.io`,
    maxLen: 10_000,
    blockTimeInMs: 1_000,
  });
  return {
    adapter: adapter as ServerOptions['adapter'],
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
