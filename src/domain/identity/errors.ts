import { DomainError } from '../shared/domain-error.js';

export const identityErrors = {
  emailTaken: () => new DomainError('conflict', 'EMAIL_TAKEN', 'an account with this email already exists'),
  invalidCredentials: () =>
    new DomainError('unauthenticated', 'AUTH_INVALID_CREDENTIALS', 'email or password is wrong'),
  invalidToken: () =>
    new DomainError('unauthenticated', 'AUTH_INVALID_TOKEN', 'the access token is missing, invalid or expired'),
  invalidRefreshToken: () =>
    new DomainError('unauthenticated', 'AUTH_INVALID_REFRESH_TOKEN', 'the refresh token is invalid or expired'),
  refreshTokenReused: () =>
    new DomainError(
      'unauthenticated',
      'AUTH_REFRESH_TOKEN_REUSED',
      'this refresh token was already used; every session of this login is revoked',
    ),
  userNotFound: () => new DomainError('not_found', 'USER_NOT_FOUND', 'user not found'),
  concurrentUpdate: () =>
    new DomainError('conflict', 'USER_CONCURRENT_UPDATE', 'the user was changed meanwhile; read it again'),
  forbidden: () => new DomainError('forbidden', 'FORBIDDEN', 'you are not allowed to do this'),
} as const;
