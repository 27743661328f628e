import { pino, type Logger } from 'pino';

export type { Logger };
export const LoggerToken = Symbol.for('Logger');

/** JSON logs; secrets that might ride along in a request are redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.refreshToken',
        '*.accessToken',
        'password',
      ],
      censor: '[redacted]',
    },
  });
}
