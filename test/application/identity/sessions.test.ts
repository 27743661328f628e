import { beforeEach, describe, expect, it } from 'vitest';
import { LogIn } from '../../../src/application/identity/log-in/log-in.js';
import { LogOut } from '../../../src/application/identity/log-out/log-out.js';
import { AccessTokenService } from '../../../src/application/identity/ports/access-token-service.js';
import { RefreshSession } from '../../../src/application/identity/refresh-session/refresh-session.js';
import { RegisterUser } from '../../../src/application/identity/register-user/register-user.js';
import { identityFixture, type IdentityFixture } from './identity-fixture.js';

const ada = { email: 'Ada@Example.com', password: 'correct horse battery', displayName: 'Ada' };

describe('identity sessions (register, log in, refresh, log out)', () => {
  let f: IdentityFixture;
  beforeEach(async () => {
    f = await identityFixture();
  });

  it('registers a buyer by default and signs them in', async () => {
    const session = await f.container.get(RegisterUser).execute(ada);
    expect(session.user).toMatchObject({ email: 'Ada@Example.com', roles: ['buyer'], kyc: { status: 'none' } });
    expect(session.user.passwordHash).not.toContain(ada.password);
    const principal = f.container.get<AccessTokenService>(AccessTokenService).verify(session.accessToken);
    expect(principal).toEqual({ userId: session.user.id, roles: ['buyer'], expiresAt: session.accessTokenExpiresAt });
    expect(session.accessTokenExpiresAt.getTime() - f.clock.now().getTime()).toBe(15 * 60 * 1000);
  });

  it('refuses a second account with the same email in another case', async () => {
    await f.container.get(RegisterUser).execute(ada);
    await expect(f.container.get(RegisterUser).execute({ ...ada, email: ' ADA@example.COM ' })).rejects.toMatchObject({
      code: 'EMAIL_TAKEN',
    });
  });

  it('logs in with any case of the email, refuses a wrong password or unknown email alike', async () => {
    await f.container.get(RegisterUser).execute({ ...ada, roles: ['seller', 'buyer'] });
    const session = await f.container.get(LogIn).execute({ email: 'ada@EXAMPLE.com', password: ada.password });
    expect(session.user.roles).toEqual(['seller', 'buyer']);
    await expect(
      f.container.get(LogIn).execute({ email: ada.email, password: 'wrong password!' }),
    ).rejects.toMatchObject({
      code: 'AUTH_INVALID_CREDENTIALS',
    });
    await expect(
      f.container.get(LogIn).execute({ email: 'nobody@example.com', password: ada.password }),
    ).rejects.toMatchObject({
      code: 'AUTH_INVALID_CREDENTIALS',
    });
  });

  it('rotates refresh tokens; reuse of a spent one revokes the whole login', async () => {
    const first = await f.container.get(RegisterUser).execute(ada);
    const refresh = f.container.get(RefreshSession);
    const second = await refresh.execute(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await expect(refresh.execute(first.refreshToken)).rejects.toMatchObject({ code: 'AUTH_REFRESH_TOKEN_REUSED' });
    await expect(refresh.execute(second.refreshToken)).rejects.toMatchObject({ code: 'AUTH_INVALID_REFRESH_TOKEN' });
  });

  it('keeps other logins alive when one is revoked', async () => {
    const registered = await f.container.get(RegisterUser).execute(ada);
    const other = await f.container.get(LogIn).execute(ada);
    await f.container.get(LogOut).execute(registered.user.id, registered.refreshToken);
    await expect(f.container.get(RefreshSession).execute(registered.refreshToken)).rejects.toMatchObject({
      code: 'AUTH_INVALID_REFRESH_TOKEN',
    });
    await expect(f.container.get(RefreshSession).execute(other.refreshToken)).resolves.toMatchObject({
      user: { id: registered.user.id },
    });
  });

  it('refuses to log out with a refresh token of another user, and revokes nothing', async () => {
    const victim = await f.container.get(RegisterUser).execute(ada);
    const intruder = await f.container.get(RegisterUser).execute({ ...ada, email: 'intruder@example.com' });
    await expect(f.container.get(LogOut).execute(intruder.user.id, victim.refreshToken)).rejects.toMatchObject({
      code: 'AUTH_INVALID_REFRESH_TOKEN',
    });
    await expect(f.container.get(RefreshSession).execute(victim.refreshToken)).resolves.toMatchObject({
      user: { id: victim.user.id },
    });
  });

  it('expires refresh tokens after their lifetime (30 days by default)', async () => {
    const session = await f.container.get(RegisterUser).execute(ada);
    f.clock.advance(30 * 86_400_000 + 1000);
    await expect(f.container.get(RefreshSession).execute(session.refreshToken)).rejects.toMatchObject({
      code: 'AUTH_INVALID_REFRESH_TOKEN',
    });
  });

  it('expires access tokens after 15 minutes', async () => {
    const session = await f.container.get(RegisterUser).execute(ada);
    const tokens = f.container.get<AccessTokenService>(AccessTokenService);
    f.clock.advance(14 * 60_000);
    expect(tokens.verify(session.accessToken).userId).toBe(session.user.id);
    f.clock.advance(61_000);
    expect(() => tokens.verify(session.accessToken)).toThrow(expect.objectContaining({ code: 'AUTH_INVALID_TOKEN' }));
  });

  it('gives exactly one new pair when one refresh token is spent 20 times at once', async () => {
    const session = await f.container.get(RegisterUser).execute(ada);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => f.container.get(RefreshSession).execute(session.refreshToken)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});
