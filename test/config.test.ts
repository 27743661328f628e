import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const random = () => 'r'.repeat(48);

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env, random);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('config', () => {
  it('runs on the embedded default with no variables, on port 3000 with a random JWT key', () => {
    const config = loadConfig({}, random);
    expect(config).toMatchObject({ port: 3000, jwt: { algorithm: 'HS256', ephemeral: true } });
    expect(config.mongo ?? config.redis ?? config.amqp).toBeUndefined();
  });

  it('reads CORS_ORIGINS: any origin by default, else the listed origins (trimmed, no trailing slash)', () => {
    expect(loadConfig({}, random).cors.allowedOrigins).toBe('*');
    expect(loadConfig({ CORS_ORIGINS: ' https://Shop.example/ , http://localhost:5173' }, random).cors).toEqual({
      allowedOrigins: ['https://shop.example', 'http://localhost:5173'],
    });
    for (const bad of ['shop.example', 'https://shop.example/app', '*,https://shop.example', 'https://a.example,,'])
      expect(problemsOf({ CORS_ORIGINS: bad })).toEqual([expect.stringMatching(/^CORS_ORIGINS: expected \* or/)]);
  });

  it('chooses each real adapter when its variable is set', () => {
    const config = loadConfig(
      { MONGO_URL: 'mongodb://h:27017', REDIS_URL: 'redis://h:6379', AMQP_URL: 'amqp://h', JWT_SECRET: 's'.repeat(32) },
      random,
    );
    expect(config).toMatchObject({
      mongo: { url: 'mongodb://h:27017', database: 'uty' },
      redis: { url: 'redis://h:6379' },
      amqp: { url: 'amqp://h' },
    });
  });

  it('names each bad variable, what was wrong and what is expected, one line each', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      MONGO_URL: 'http://nope',
      LOG_LEVEL: 'loud',
      ADMIN_EMAIL: 'not-an-email',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: expected an integer between 0 and 65535, got "eighty"$/),
        expect.stringMatching(
          /^MONGO_URL: expected a URL starting with mongodb:\/\/ or mongodb\+srv:\/\/, got "http:\/\/nope"$/,
        ),
        expect.stringMatching(/^LOG_LEVEL: .*got "loud"$/),
        expect.stringMatching(/^ADMIN_EMAIL: expected an email address/),
      ]),
    );
  });

  it('requires JWT_SECRET once a real adapter is configured, and never echoes secrets', () => {
    expect(problemsOf({ REDIS_URL: 'redis://h:6379' })).toEqual([
      'JWT_SECRET: required (at least 32 characters) when a real adapter is configured',
    ]);
    const short = problemsOf({ JWT_SECRET: 'hunter2' });
    expect(short).toEqual(['JWT_SECRET: expected at least 32 characters']);
  });

  it('turns the demo on with DEMO=true (pace from DEMO_*), never with NODE_ENV=production', () => {
    expect(loadConfig({}, random).demo).toBeUndefined();
    expect(loadConfig({ DEMO: 'true', DEMO_BOT_INTERVAL_MS: '1500' }, random).demo).toEqual({
      auctionSeconds: 180,
      botIntervalMs: 1500,
      courierIntervalMs: 3000,
    });
    expect(problemsOf({ DEMO: 'true', NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^DEMO: the demo .* never runs with NODE_ENV=production$/),
    ]);
    expect(problemsOf({ DEMO: 'yes' })).toEqual([expect.stringMatching(/^DEMO: /)]);
  });

  it('lets the demo run on real stores without JWT_SECRET (a random key: its passwords are public anyway)', () => {
    const config = loadConfig({ DEMO: 'true', MONGO_URL: 'mongodb://h:27017', REDIS_URL: 'redis://h:6379' }, random);
    expect(config.jwt).toMatchObject({ algorithm: 'HS256', ephemeral: true });
  });

  it('stops the process at start with exit code 1, one line per problem and no stack trace', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, PORT: 'abc', REDIS_URL: 'redis://127.0.0.1:1' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT: expected an integer between 0 and 65535, got "abc"');
    expect(result.stderr).toContain('JWT_SECRET: required');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
