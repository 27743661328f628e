import { z } from 'zod';
import type { AuctionSettings } from './application/auctions/create-auction/create-auction.js';
import type { DeliverySettings } from './application/delivery/delivery-settings.js';

/**
 * Environment variables, parsed and validated once at start-up.
 * Each real adapter is chosen when its variable is set; with none set the process runs on
 * the embedded default (in-memory adapters).
 */
/** The RabbitMQ topic exchange of the events (AMQP_EXCHANGE), also named by the AsyncAPI document. */
export const DEFAULT_EVENT_EXCHANGE = 'uty.events';

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine((value) => protocols.some((p) => value.startsWith(`${p}://`)), {
      message: `expected a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    })
    .optional();

const integer = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ message: `expected an integer between ${min} and ${max}` })
    .int(`expected an integer between ${min} and ${max}`)
    .min(min, `expected an integer between ${min} and ${max}`)
    .max(max, `expected an integer between ${min} and ${max}`)
    .default(fallback);

/** A browser origin: scheme, host and optional port, nothing after. */
const webOrigin = /^https?:\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?$/;

const emptyAsUndefined = (env: NodeJS.ProcessEnv): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: integer(0, 65535, 3000),
  PUBLIC_BASE_URL: optionalUrl(['http', 'https']),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: integer(0, 10, 0),
  CORS_ORIGINS: z
    .string()
    .default('*')
    .transform((v) => v.split(',').map((origin) => origin.trim().replace(/\/+$/, '').toLowerCase()))
    .refine((list) => (list.length === 1 && list[0] === '*') || list.every((origin) => webOrigin.test(origin)), {
      message: 'expected * or comma-separated origins such as https://shop.example,http://localhost:5173',
    })
    .transform((list) => (list[0] === '*' ? ('*' as const) : list)),
  SHUTDOWN_TIMEOUT_MS: integer(100, 120_000, 10_000),
  OUTBOX_RELAY_LEASE_MS: integer(500, 600_000, 10_000),
  OUTBOX_RELAY_IDLE_MS: integer(10, 60_000, 500),
  MONGO_URL: optionalUrl(['mongodb', 'mongodb+srv']),
  MONGO_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, 'expected a database name (letters, digits, _ or -)')
    .default('uty'),
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  REDIS_KEY_PREFIX: z.string().max(40).default('uty:'),
  AMQP_URL: optionalUrl(['amqp', 'amqps']),
  AMQP_EXCHANGE: z.string().min(1).default(DEFAULT_EVENT_EXCHANGE),
  AMQP_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,60}$/, 'expected letters, digits, _ . or -')
    .default('uty'),
  S3_BUCKET: z.string().min(3, 'expected a bucket name of 3 characters or more').optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ENDPOINT: optionalUrl(['http', 'https']),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  FCM_CREDENTIALS: z.string().optional(),
  MEDIA_MAX_BYTES: integer(1, 5 * 1024 ** 3, 10 * 1024 ** 2),
  MEDIA_UPLOAD_URL_TTL_SECONDS: integer(1, 604_800, 300),
  MEDIA_DOWNLOAD_URL_TTL_SECONDS: integer(1, 604_800, 300),
  MEDIA_MAX_PENDING_UPLOADS: integer(1, 100_000, 20),
  JWT_ALGORITHM: z.enum(['HS256', 'RS256']).default('HS256'),
  JWT_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  JWT_PRIVATE_KEY: z.string().optional(),
  JWT_PUBLIC_KEY: z.string().optional(),
  JWT_ISSUER: z.string().default('uty'),
  ACCESS_TOKEN_TTL_SECONDS: integer(60, 86_400, 900),
  REFRESH_TOKEN_TTL_SECONDS: integer(3600, 31_536_000, 30 * 86_400),
  LOGIN_MAX_FAILURES: integer(1, 1000, 5),
  LOGIN_WINDOW_SECONDS: integer(1, 86_400, 900),
  LOGIN_MAX_FAILURES_PER_IP: integer(1, 1_000_000, 50),
  REGISTER_MAX_PER_IP: integer(1, 1_000_000, 20),
  BID_MAX_PER_SECOND: integer(1, 1_000_000, 5),
  CART_RESERVATION_TTL: integer(10, 86_400, 900),
  STOCK_SWEEP_INTERVAL_MS: integer(100, 600_000, 1000),
  STOCK_RECONCILE_INTERVAL_MS: integer(1000, 86_400_000, 60_000),
  ORDER_CHECKOUT_TIMEOUT_MS: integer(500, 600_000, 5000),
  ORDER_SWEEP_INTERVAL_MS: integer(100, 600_000, 1000),
  ORDER_PAYMENT_TTL_SECONDS: integer(1, 30 * 86_400, 1800),
  AUCTION_PAYMENT_TTL_SECONDS: integer(1, 60 * 86_400, 172_800),
  AUCTION_TIMER_INTERVAL_MS: integer(20, 1000, 250),
  AUCTION_ANTI_SNIPING_SECONDS: integer(0, 3600, 60),
  AUCTION_MAX_EXTENSION_SECONDS: integer(0, 86_400, 900),
  REALTIME_RECOVERY_WINDOW_MS: integer(0, 3_600_000, 120_000),
  TRACKING_MIN_DISTANCE_M: integer(0, 100_000, 10),
  TRACKING_MIN_PERIOD_S: integer(0, 3600, 2),
  TRACKING_MAX_SPEED_KMH: integer(1, 2000, 200),
  DELIVERY_TRACK_MAX_POINTS: integer(1, 100_000, 500),
  BANNED_WORDS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((w) => w.trim())
        .filter(Boolean),
    ),
  ADMIN_EMAIL: z.email('expected an email address').optional(),
  ADMIN_PASSWORD: z.string().min(10, 'expected at least 10 characters').optional(),
  DEMO: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  DEMO_AUCTION_SECONDS: integer(20, 86_400, 180),
  DEMO_BOT_INTERVAL_MS: integer(200, 600_000, 4000),
  DEMO_COURIER_INTERVAL_MS: integer(200, 600_000, 3000),
});

/** Rules across variables, checked on the raw strings so they are reported with the others. */
function crossFieldProblems(env: Record<string, string>): string[] {
  const problems: string[] = [];
  if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
    problems.push(
      `${env.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'}: required together with the other ADMIN_* variable`,
    );
  }
  if (env.JWT_ALGORITHM === 'RS256' && (!env.JWT_PRIVATE_KEY || !env.JWT_PUBLIC_KEY)) {
    problems.push(
      `${env.JWT_PRIVATE_KEY ? 'JWT_PUBLIC_KEY' : 'JWT_PRIVATE_KEY'}: required (PEM) when JWT_ALGORITHM is RS256`,
    );
  }
  const realAdapter = ['MONGO_URL', 'REDIS_URL', 'AMQP_URL', 'S3_BUCKET', 'FCM_CREDENTIALS'].some((name) => env[name]);
  const demo = env.DEMO === 'true';
  if (demo && env.NODE_ENV === 'production') {
    problems.push('DEMO: the demo (seeded accounts with a published password) never runs with NODE_ENV=production');
  }
  // The demo's tokens may die with the process: its accounts' passwords are known anyway.
  if (realAdapter && !demo && (env.JWT_ALGORITHM ?? 'HS256') === 'HS256' && !env.JWT_SECRET) {
    problems.push('JWT_SECRET: required (at least 32 characters) when a real adapter is configured');
  }
  if (env.S3_ACCESS_KEY_ID && !env.S3_SECRET_ACCESS_KEY)
    problems.push('S3_SECRET_ACCESS_KEY: required together with S3_ACCESS_KEY_ID');
  return problems;
}

type Env = z.output<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  /** Absolute base URL clients reach the app at (links it hands out, such as embedded-store upload URLs). */
  publicBaseUrl: string;
  logLevel: Env['LOG_LEVEL'];
  trustProxy: number;
  /** CORS_ORIGINS: the browser origins that may call the API and open sockets (`*`: any). */
  cors: { allowedOrigins: '*' | string[] };
  shutdownTimeoutMs: number;
  /** The outbox relay: lease on claimed events, wait between idle passes. */
  outbox: { relayLeaseMs: number; relayIdleMs: number };
  mongo?: { url: string; database: string };
  redis?: { url: string; keyPrefix: string };
  amqp?: { url: string; exchange: string; queuePrefix: string };
  s3?: {
    bucket: string;
    region: string;
    endpoint?: string;
    accessKeyId?: string;
    secretAccessKey?: string;
    forcePathStyle: boolean;
  };
  fcm?: { credentials: string };
  jwt: JwtConfig;
  auth: {
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    loginMaxFailures: number;
    loginWindowSeconds: number;
  };
  /**
   * Per client address (see trustProxy): registrations an hour, failed logins per auth.loginWindowSeconds; bids per
   * user a second.
   */
  rateLimits: { registerMaxPerIp: number; loginMaxFailuresPerIp: number; bidMaxPerSecond: number };
  admin?: { email: string; password: string };
  catalog: { bannedWords: string[] };
  /** reconcileIntervalMs: between passes of the stock reconciliation (ledger vs listings). */
  cart: { reservationTtlSeconds: number; sweepIntervalMs: number; reconcileIntervalMs: number };
  /**
   * checkoutTimeoutMs: how long a checkout or a payment may take; after it, its Idempotency-Key can
   * be claimed again and a `placing` order is settled by the sweeper (every sweepIntervalMs).
   * paymentDeadlines: how long a placed order may stay unpaid (an auction's order: auctionSeconds)
   * before the same sweeper cancels it (`payment_timeout`).
   */
  orders: {
    checkoutTimeoutMs: number;
    sweepIntervalMs: number;
    paymentDeadlines: { orderSeconds: number; auctionSeconds: number };
  };
  auctions: AuctionSettings & { timerIntervalMs: number };
  realtime: { recoveryWindowMs: number };
  delivery: DeliverySettings;
  /** maxPendingUploads: a user's open upload slots (media awaiting their bytes, URL not expired). */
  media: { maxBytes: number; uploadUrlTtlSeconds: number; downloadUrlTtlSeconds: number; maxPendingUploads: number };
  /** DEMO=true (`npm run demo`): seeded demo data, bot bidders and a simulated courier (src/adapters/demo). */
  demo?: DemoSettings;
}

/** How the demo's actors pace themselves: an auction's length, a bot's wait between bids, a courier's between fixes. */
export interface DemoSettings {
  auctionSeconds: number;
  botIntervalMs: number;
  courierIntervalMs: number;
}

export type JwtConfig =
  | { algorithm: 'HS256'; secret: string; issuer: string; ephemeral: boolean }
  | { algorithm: 'RS256'; privateKey: string; publicKey: string; issuer: string; ephemeral: false };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describeProblems(error: z.ZodError, env: Record<string, string>): string[] {
  return error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '(environment)');
    const value = env[name];
    const got =
      value === undefined
        ? 'it is missing'
        : `got ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    const secret = /SECRET|PASSWORD|PRIVATE_KEY|CREDENTIALS/.test(name);
    return `${name}: ${issue.message}${secret || value === undefined ? '' : `, ${got}`}`;
  });
}

/** Parses the environment; throws ConfigError with one line per problem. */
export function loadConfig(rawEnv: NodeJS.ProcessEnv, randomSecret: () => string): Config {
  const env = emptyAsUndefined(rawEnv);
  const parsed = envSchema.safeParse(env);
  const problems = [...(parsed.success ? [] : describeProblems(parsed.error, env)), ...crossFieldProblems(env)];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    cors: { allowedOrigins: e.CORS_ORIGINS },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    outbox: { relayLeaseMs: e.OUTBOX_RELAY_LEASE_MS, relayIdleMs: e.OUTBOX_RELAY_IDLE_MS },
    mongo: e.MONGO_URL ? { url: e.MONGO_URL, database: e.MONGO_DB } : undefined,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : undefined,
    amqp: e.AMQP_URL ? { url: e.AMQP_URL, exchange: e.AMQP_EXCHANGE, queuePrefix: e.AMQP_QUEUE_PREFIX } : undefined,
    s3: e.S3_BUCKET
      ? {
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          endpoint: e.S3_ENDPOINT,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
        }
      : undefined,
    fcm: e.FCM_CREDENTIALS ? { credentials: e.FCM_CREDENTIALS } : undefined,
    jwt:
      e.JWT_ALGORITHM === 'RS256'
        ? {
            algorithm: 'RS256',
            privateKey: e.JWT_PRIVATE_KEY!,
            publicKey: e.JWT_PUBLIC_KEY!,
            issuer: e.JWT_ISSUER,
            ephemeral: false,
          }
        : {
            algorithm: 'HS256',
            secret: e.JWT_SECRET ?? randomSecret(),
            issuer: e.JWT_ISSUER,
            ephemeral: !e.JWT_SECRET,
          },
    auth: {
      accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
      loginMaxFailures: e.LOGIN_MAX_FAILURES,
      loginWindowSeconds: e.LOGIN_WINDOW_SECONDS,
    },
    rateLimits: {
      registerMaxPerIp: e.REGISTER_MAX_PER_IP,
      loginMaxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
      bidMaxPerSecond: e.BID_MAX_PER_SECOND,
    },
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined,
    catalog: { bannedWords: e.BANNED_WORDS },
    cart: {
      reservationTtlSeconds: e.CART_RESERVATION_TTL,
      sweepIntervalMs: e.STOCK_SWEEP_INTERVAL_MS,
      reconcileIntervalMs: e.STOCK_RECONCILE_INTERVAL_MS,
    },
    orders: {
      checkoutTimeoutMs: e.ORDER_CHECKOUT_TIMEOUT_MS,
      sweepIntervalMs: e.ORDER_SWEEP_INTERVAL_MS,
      paymentDeadlines: { orderSeconds: e.ORDER_PAYMENT_TTL_SECONDS, auctionSeconds: e.AUCTION_PAYMENT_TTL_SECONDS },
    },
    auctions: {
      timerIntervalMs: e.AUCTION_TIMER_INTERVAL_MS,
      antiSnipingSeconds: e.AUCTION_ANTI_SNIPING_SECONDS,
      maxExtensionSeconds: e.AUCTION_MAX_EXTENSION_SECONDS,
    },
    realtime: { recoveryWindowMs: e.REALTIME_RECOVERY_WINDOW_MS },
    delivery: {
      tracking: {
        minDistanceM: e.TRACKING_MIN_DISTANCE_M,
        minPeriodS: e.TRACKING_MIN_PERIOD_S,
        maxSpeedKmh: e.TRACKING_MAX_SPEED_KMH,
      },
      trackMaxPoints: e.DELIVERY_TRACK_MAX_POINTS,
    },
    media: {
      maxBytes: e.MEDIA_MAX_BYTES,
      uploadUrlTtlSeconds: e.MEDIA_UPLOAD_URL_TTL_SECONDS,
      downloadUrlTtlSeconds: e.MEDIA_DOWNLOAD_URL_TTL_SECONDS,
      maxPendingUploads: e.MEDIA_MAX_PENDING_UPLOADS,
    },
    demo: e.DEMO
      ? {
          auctionSeconds: e.DEMO_AUCTION_SECONDS,
          botIntervalMs: e.DEMO_BOT_INTERVAL_MS,
          courierIntervalMs: e.DEMO_COURIER_INTERVAL_MS,
        }
      : undefined,
  };
}
