import type { Container } from 'inversify';
import type { Config } from '../config.js';
import { DecideKyc } from '../application/identity/decide-kyc/decide-kyc.js';
import { IdentityUseCases } from '../application/identity/use-cases.js';
import { EnsureAdmin } from '../application/identity/ensure-admin/ensure-admin.js';
import { GetCurrentUser } from '../application/identity/get-current-user/get-current-user.js';
import { GetUserForAdmin } from '../application/identity/get-user-for-admin/get-user-for-admin.js';
import { ListUsers } from '../application/identity/list-users/list-users.js';
import { LogIn } from '../application/identity/log-in/log-in.js';
import { LogOut } from '../application/identity/log-out/log-out.js';
import { AccessTokenService } from '../application/identity/ports/access-token-service.js';
import { DeviceRepository } from '../application/identity/ports/device-repository.js';
import { KycDocuments } from '../application/identity/ports/kyc-documents.js';
import { OpaqueTokenGenerator } from '../application/identity/ports/opaque-token-generator.js';
import { PasswordHasher } from '../application/identity/ports/password-hasher.js';
import { RefreshTokenStore } from '../application/identity/ports/refresh-token-store.js';
import { UserRepository } from '../application/identity/ports/user-repository.js';
import { IdentityApi } from '../application/identity/public.js';
import { IdentityPublicApi } from '../application/identity/identity-public-api.js';
import { RefreshSession } from '../application/identity/refresh-session/refresh-session.js';
import { RegisterDevice } from '../application/identity/register-device/register-device.js';
import { RegisterUser } from '../application/identity/register-user/register-user.js';
import { RemoveDevice } from '../application/identity/remove-device/remove-device.js';
import { SessionIssuer } from '../application/identity/session-issuer.js';
import { SubmitKyc } from '../application/identity/submit-kyc/submit-kyc.js';
import { UpdateProfile } from '../application/identity/update-profile/update-profile.js';
import { EventFactoryToken } from '../application/shared/events/event-factory.js';
import { Clock } from '../application/shared/ports/clock.js';
import { IdGenerator } from '../application/shared/ports/id-generator.js';
import { MemoryDeviceRepository } from '../adapters/memory/identity/memory-device-repository.js';
import { MemoryRefreshTokenStore } from '../adapters/memory/identity/memory-refresh-token-store.js';
import { MemoryUserRepository } from '../adapters/memory/identity/memory-user-repository.js';
import { MemoryOutbox, MemoryOutboxToken } from '../adapters/memory/shared/memory-outbox.js';
import { MongoDeviceRepository } from '../adapters/mongo/identity/mongo-device-repository.js';
import { MongoUserRepository } from '../adapters/mongo/identity/mongo-user-repository.js';
import { RedisRefreshTokenStore } from '../adapters/redis/identity/redis-refresh-token-store.js';
import { JwtAccessTokenService } from '../adapters/security/jwt-access-token-service.js';
import { RandomOpaqueTokenGenerator } from '../adapters/security/random-opaque-token-generator.js';
import { ScryptPasswordHasher } from '../adapters/security/scrypt-password-hasher.js';
import { bindUseCase, bindUseCaseSet } from './bind-use-case.js';
import { indexed, mongoOf, redisOf } from './connections.js';
import { bindPorts, port, type PortTable } from './port-wiring.js';
import { mongoOutboxStore } from './outbox.js';

export interface IdentityOverrides {
  passwordHasher?: PasswordHasher;
}

/** Identity's wiring table: users and devices in MongoDB, refresh tokens in Redis, access tokens as JWTs. */
export function identityPorts(config: Config): PortTable {
  return [
    port<UserRepository>({
      name: 'userRepository',
      token: UserRepository,
      adapters: {
        memory: (container) => new MemoryUserRepository(container.get<MemoryOutbox>(MemoryOutboxToken)),
        mongodb: async (container) =>
          indexed(new MongoUserRepository(mongoOf(container), await mongoOutboxStore(container, 'users'))),
      },
    }),
    port<DeviceRepository>({
      name: 'deviceRepository',
      token: DeviceRepository,
      adapters: {
        memory: () => new MemoryDeviceRepository(),
        mongodb: (container) => indexed(new MongoDeviceRepository(mongoOf(container))),
      },
    }),
    port<RefreshTokenStore>({
      name: 'refreshTokenStore',
      token: RefreshTokenStore,
      adapters: {
        memory: () => new MemoryRefreshTokenStore(),
        redis: (container) => new RedisRefreshTokenStore(...redisOf(container)),
      },
    }),
    port<AccessTokenService>({
      name: 'accessTokens',
      token: AccessTokenService,
      labels: {
        memory: `jwt ${config.jwt.algorithm}${config.jwt.ephemeral ? ' (random key, dies with the process)' : ''}`,
      },
      adapters: {
        memory: (container) =>
          new JwtAccessTokenService(config.jwt, config.auth.accessTokenTtlSeconds, container.get<Clock>(Clock)),
      },
    }),
  ];
}

function bindSecurity(container: Container, config: Config, overrides: IdentityOverrides): void {
  container
    .bind<PasswordHasher>(PasswordHasher)
    .toConstantValue(overrides.passwordHasher ?? new ScryptPasswordHasher());
  container.bind<OpaqueTokenGenerator>(OpaqueTokenGenerator).toConstantValue(new RandomOpaqueTokenGenerator());
  container
    .bind(SessionIssuer)
    .toResolvedValue(
      (
        tokens: AccessTokenService,
        store: RefreshTokenStore,
        opaque: OpaqueTokenGenerator,
        ids: IdGenerator,
        clock: Clock,
      ) => new SessionIssuer(tokens, store, opaque, ids, clock, config.auth.refreshTokenTtlSeconds),
      [AccessTokenService, RefreshTokenStore, OpaqueTokenGenerator, IdGenerator, Clock],
    );
}

function bindUseCases(container: Container): void {
  const bind = bindUseCase(container);
  bind(RegisterUser, [UserRepository, PasswordHasher, SessionIssuer, IdGenerator, Clock]);
  bind(LogIn, [UserRepository, PasswordHasher, SessionIssuer]);
  bind(RefreshSession, [RefreshTokenStore, OpaqueTokenGenerator, UserRepository, SessionIssuer, Clock]);
  bind(LogOut, [RefreshTokenStore, OpaqueTokenGenerator]);
  bind(GetCurrentUser, [UserRepository]);
  bind(UpdateProfile, [UserRepository, Clock]);
  bind(SubmitKyc, [UserRepository, KycDocuments, Clock]);
  bind(ListUsers, [UserRepository]);
  bind(GetUserForAdmin, [UserRepository, KycDocuments]);
  bind(DecideKyc, [UserRepository, EventFactoryToken, Clock]);
  bind(RegisterDevice, [DeviceRepository, Clock]);
  bind(RemoveDevice, [DeviceRepository]);
  container
    .bind<IdentityApi>(IdentityApi)
    .toResolvedValue(
      (users: UserRepository, devices: DeviceRepository) => new IdentityPublicApi(users, devices),
      [UserRepository, DeviceRepository],
    );
  bind(EnsureAdmin, [UserRepository, PasswordHasher, IdGenerator, Clock]);
  bindUseCaseSet(container, IdentityUseCases, {
    registerUser: RegisterUser,
    logIn: LogIn,
    refreshSession: RefreshSession,
    logOut: LogOut,
    getCurrentUser: GetCurrentUser,
    updateProfile: UpdateProfile,
    submitKyc: SubmitKyc,
    registerDevice: RegisterDevice,
    removeDevice: RemoveDevice,
    decideKyc: DecideKyc,
    listUsers: ListUsers,
    getUserForAdmin: GetUserForAdmin,
  });
}

/** Identity: users, devices, sessions, tokens, and its use cases. */
export async function bindIdentity(container: Container, config: Config, overrides: IdentityOverrides): Promise<void> {
  await bindPorts(container, config, identityPorts(config));
  bindSecurity(container, config, overrides);
  bindUseCases(container);
}

/** Start-up work of the identity module: the admin account from ADMIN_EMAIL / ADMIN_PASSWORD. */
export async function startIdentity(container: Container, config: Config): Promise<void> {
  if (config.admin) await container.get(EnsureAdmin).execute(config.admin.email, config.admin.password);
}
