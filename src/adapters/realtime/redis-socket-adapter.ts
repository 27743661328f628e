import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';

export interface RedisSocketAdapter {
  adapter: ServerOptions['adapter'];
  /** Quits the two connections; after the gateway's close(). */
  close(): Promise<void>;
}

/**
 * The Socket.IO Redis adapter on two new connections (publish, and one held in subscriber mode)
 * made from the app's client: an emit made on one instance reaches the sockets of every instance.
 */
export async function redisSocketAdapter(redis: Redis, keyPrefix: string): Promise<RedisSocketAdapter> {
  const pub = redis.duplicate();
  const sub = redis.duplicate();
  const connections = [pub, sub];
  try {
    await Promise.all(connections.map((client) => (client.status === 'wait' ? client.connect() : Promise.resolve())));
  } catch (error) {
    connections.forEach((client) => client.disconnect());
    throw error;
  }
  return {
    adapter: createAdapter(pub, sub, { key: `${keyPrefix}socket.io` }),
    close: async () => {
      await Promise.allSettled(connections.map((client) => client.quit()));
    },
  };
}
