import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/adapters/memory/shared/manual-clock.js';
import { JwtAccessTokenService } from '../../../src/adapters/security/jwt-access-token-service.js';
import type { JwtConfig } from '../../../src/config.js';

const secret = 'a-test-secret-of-at-least-32-characters!';
const config: JwtConfig = { algorithm: 'HS256', secret, issuer: 'uty', ephemeral: false };

function service(cacheSize?: number): { tokens: JwtAccessTokenService; clock: ManualClock } {
  const clock = new ManualClock('2026-01-01T00:00:00.000Z');
  return { tokens: new JwtAccessTokenService(config, 900, clock, cacheSize), clock };
}

const nowSeconds = (clock: ManualClock) => Math.floor(clock.now().getTime() / 1000);

describe('JwtAccessTokenService', () => {
  it('verifies a token it issued, again and again, with fresh principals', () => {
    const { tokens } = service();
    const { token, expiresAt } = tokens.issue({ userId: 'u1', roles: ['buyer'] });

    const first = tokens.verify(token);
    first.roles.push('admin');
    const second = tokens.verify(token);

    expect(second).toEqual({ userId: 'u1', roles: ['buyer'], expiresAt });
  });

  it('refuses a remembered token once it has expired, and again when the clock comes back', () => {
    const { tokens, clock } = service();
    const { token } = tokens.issue({ userId: 'u1', roles: ['buyer'] });
    tokens.verify(token);

    clock.advance(900_000 - 1000);
    expect(tokens.verify(token).userId).toBe('u1');
    clock.advance(1000);
    expect(() => tokens.verify(token)).toThrow(expect.objectContaining({ code: 'AUTH_INVALID_TOKEN' }));
    clock.advance(-1000);
    expect(tokens.verify(token).userId).toBe('u1');
  });

  it('honours nbf on every call', () => {
    const { tokens, clock } = service();
    const token = jwt.sign(
      { sub: 'u1', roles: ['buyer'], nbf: nowSeconds(clock), exp: nowSeconds(clock) + 60 },
      secret,
      { algorithm: 'HS256', issuer: 'uty' },
    );
    expect(tokens.verify(token).userId).toBe('u1');

    clock.advance(-5000);
    expect(() => tokens.verify(token)).toThrow(expect.objectContaining({ code: 'AUTH_INVALID_TOKEN' }));
  });

  it('still refuses a token that differs from a verified one only in its payload or signature', () => {
    const { tokens } = service();
    const { token } = tokens.issue({ userId: 'u1', roles: ['buyer'] });
    tokens.verify(token);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as object;
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');

    expect(() => tokens.verify(`${header}.${forged}.${signature}`)).toThrow(
      expect.objectContaining({ code: 'AUTH_INVALID_TOKEN' }),
    );
    expect(() => tokens.verify(`${header}.${payload}.${signature!.slice(0, -2)}AA`)).toThrow(
      expect.objectContaining({ code: 'AUTH_INVALID_TOKEN' }),
    );
  });

  it('keeps working beyond the size of its memory', () => {
    const { tokens } = service(2);
    const issued = ['u1', 'u2', 'u3'].map((userId) => ({
      userId,
      token: tokens.issue({ userId, roles: ['buyer'] }).token,
    }));
    for (let round = 0; round < 2; round += 1) {
      for (const { userId, token } of issued) expect(tokens.verify(token).userId).toBe(userId);
    }
  });
});
