import { createPrivateKey, createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { JwtConfig } from '../../config.js';
import { roles, type Role } from '../../domain/identity/role.js';
import { identityErrors } from '../../domain/identity/errors.js';
import type {
  AccessTokenService,
  IssuedAccessToken,
  Principal,
} from '../../application/identity/ports/access-token-service.js';
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
  return {
    algorithm: 'RS256',
    signing: createPrivateKey(config.privateKey),
    verifying: createPublicKey(config.publicKey),
  };
}

const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (roles as readonly string[]).includes(value);

/** A token whose signature, algorithm and issuer have been checked: only its time bounds change. */
interface VerifiedToken {
  userId: string;
  roles: Role[];
  /** `exp` and `nbf` claims (seconds), when present. */
  exp: number | undefined;
  nbf: number | undefined;
}

function principalOf({ userId, roles, exp }: VerifiedToken): Principal {
  return { userId, roles: [...roles], ...(exp === undefined ? {} : { expiresAt: new Date(exp * 1000) }) };
}

/** Tokens remembered once verified (FIFO beyond this): each buyer reuses one for its whole TTL. */
const DEFAULT_VERIFIED_CACHE_SIZE = 10_000;

/**
 * Access tokens as JWTs carrying `sub` and `roles`. Verification pins the configured algorithm,
 * so `alg: none` and algorithm-confusion tokens are refused along with bad signatures and expiry.
 *
 * A token that verified is remembered by its exact text (signature included), so that the next
 * requests carrying it skip the signature check and JSON decoding; its `exp` / `nbf` are still
 * checked against the clock on every call, exactly as jsonwebtoken does (no clock tolerance).
 */
export class JwtAccessTokenService implements AccessTokenService {
  private readonly keys: Keys;
  private readonly issuer: string;
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    config: JwtConfig,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
    private readonly verifiedCacheSize = DEFAULT_VERIFIED_CACHE_SIZE,
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
    const clockTimestamp = Math.floor(this.clock.now().getTime() / 1000);
    const known = this.verified.get(token);
    if (known) {
      // The checks jsonwebtoken makes on time; everything else about the token cannot change.
      if (
        (known.nbf !== undefined && known.nbf > clockTimestamp) ||
        (known.exp !== undefined && clockTimestamp >= known.exp)
      ) {
        throw identityErrors.invalidToken();
      }
      return principalOf(known);
    }
    let claims: jwt.JwtPayload | string;
    try {
      claims = jwt.verify(token, this.keys.verifying, {
        algorithms: [this.keys.algorithm],
        issuer: this.issuer,
        clockTimestamp,
      });
    } catch {
      throw identityErrors.invalidToken();
    }
    if (
      typeof claims === 'string' ||
      typeof claims.sub !== 'string' ||
      !Array.isArray(claims.roles) ||
      !claims.roles.every(isRole)
    ) {
      throw identityErrors.invalidToken();
    }
    const verified: VerifiedToken = {
      userId: claims.sub,
      roles: [...(claims.roles as Role[])],
      exp: claims.exp,
      nbf: claims.nbf,
    };
    this.remember(token, verified);
    return principalOf(verified);
  }

  private remember(token: string, entry: VerifiedToken): void {
    if (this.verifiedCacheSize <= 0) return;
    while (this.verified.size >= this.verifiedCacheSize) {
      const oldest = this.verified.keys().next();
      if (oldest.done) break;
      this.verified.delete(oldest.value);
    }
    this.verified.set(token, entry);
  }
}
