import { expect, it } from 'vitest';
import { WatchConnectionPool } from '../../../src/adapters/redis/auctions/watch-connection-pool.js';
import { describeWithService } from '../../support/real-services.js';
import { useRedis } from '../../support/redis.js';

describeWithService('REDIS_URL', "the app's Redis connection", (url) => {
  const { redis, keyPrefix: prefix } = useRedis(url, 'uty_connection');

  it('sends the commands issued in one turn of the event loop together, each with its own answer', async () => {
    const replies = Array.from({ length: 20 }, (_, i) => redis().set(`${prefix}${i}`, String(i)));
    expect(redis().autoPipelineQueueSize).toBe(20);
    await expect(Promise.all(replies)).resolves.toEqual(Array(20).fill('OK'));
    expect(redis().autoPipelineQueueSize).toBe(0);
    await expect(redis().mget(`${prefix}0`, `${prefix}19`)).resolves.toEqual(['0', '19']);
  });

  it('fails only the command that fails among those sent together', async () => {
    await redis().set(`${prefix}text`, 'not a number');
    const [good, bad, alsoGood] = [
      redis().incr(`${prefix}counter`),
      redis().incr(`${prefix}text`),
      redis().get(`${prefix}text`),
    ];
    await expect(bad).rejects.toThrow(/not an integer/);
    await expect(good).resolves.toBe(1);
    await expect(alsoGood).resolves.toBe('not a number');
  });

  it('gives each transaction a connection of its own that sends at once (WATCH and MULTI/EXEC are not held)', async () => {
    const pool = new WatchConnectionPool(redis(), 1, 'test');
    try {
      await pool.using(async (connection) => {
        expect(connection.options.enableAutoPipelining).toBe(false);
        await connection.watch(`${prefix}watched`);
        const reply = await connection.multi().set(`${prefix}watched`, 'x').exec();
        expect(reply).toEqual([[null, 'OK']]);
      });
    } finally {
      await pool.close();
    }
  });
});
