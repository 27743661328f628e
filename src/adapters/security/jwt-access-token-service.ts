import { createPrivateKey, createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { JwtConfig } from '../../config.js';
import { roles, type Role } from '../../domain/identity/role.js';
import { identityErrors } from '../../domain/identity/errors.js';
import type { AccessTokenService, IssuedAccessToken, Principal } from '../../application/identity/ports/access-token-service.js';
import type { Clock } from '../../application/shared/ports/clock.js';

interface Keys {
  algorithm: 'HS256' | 'RS256';
  signing: KeyObject;
  verifying: KeyObject;
}

/** Key objects are built once: a string secret per verify costs ~30x more (stack-notes.md). */
function buildKeys(config: JwtConfig): Keys {
  if (config.algorithm === 'HS256') {
    const key = createSecretKey(Buffer.from(config.secret));
    return { algorithm: 'HS256', signing: key, verifying: key };
  }
  return { algorithm: 'RS256', signing: createPrivateKey(config.privateKey), verifying: createPublicKey(config.publicKey) };
}

const isRole = (value: unknown): value is Role => typeof value === 'string' && (roles as readonly string[]).includes(value);

/**
 * Access tokens as JWTs carrying `sub` and `roles`. Verification pins the configured algorithm,
 * so `alg: none` and algorithm-confusion tokens are refused along with bad signatures and expiry.
 */
export class JwtAccessTokenService implements AccessTokenService {
  private readonly keys: Keys;
  private readonly issuer: string;

  constructor(
    config: JwtConfig,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {
    this.keys = buildKeys(config);
    this.issuer = config.issuer;
  }

  issue(principal: Principal): IssuedAccessToken {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const exp = iat + this.ttlSeconds;
    const token = jwt.sign({ sub: principal.userId, roles: principal.roles, iat, exp }, this.keys.signing, {
      algorithm: this.keys.algorithm,
      issuer: this.issuer,
    });
    return { token, expiresAt: new Date(exp * 1000) };
  }

  verify(token: string): Principal {
    let claims: jwt.JwtPayload | string;
    try {
      claims = jwt.verify(token, this.keys.verifying, {
        algorithms: [this.keys.algorithm],
        issuer: this.issuer,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
    } catch {
      throw identityErrors.invalidToken();
    }
    if (typeof claims === 'string' || typeof claims.sub !== 'string' || !Array.isArray(claims.roles) || !claims.roles.every(isRole)) {
      throw identityErrors.invalidToken();
    }
    return { userId: claims.sub, roles: claims.roles };
  }
}
