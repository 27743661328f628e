import { currentSession, saveSession } from './session.js';

const BASE = '/api/v1';

/** An answer other than 2xx: its problem+json (or what stood in for it) and status. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** One refresh at a time: a refresh token is spent when used, and presenting it twice revokes the login. */
let refreshing = null;

async function refreshTokens() {
  const session = currentSession();
  if (!session) return false;
  const response = await fetch(`${BASE}/auth/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: session.refreshToken }),
  });
  if (!response.ok) {
    saveSession(null);
    return false;
  }
  const pair = await response.json();
  saveSession({ ...session, accessToken: pair.accessToken, refreshToken: pair.refreshToken });
  return true;
}

/** A fresh access token from the refresh token; false when the login is over (then signed out). */
export function refreshSession() {
  refreshing ??= refreshTokens().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

function send(method, path, body, headers) {
  const token = currentSession()?.accessToken;
  return fetch(`${BASE}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function readAnswer(response) {
  if (response.status === 204) return null;
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/**
 * Calls the API as the signed-in user; a 401 (the access token expired) refreshes it once and tries again.
 * `headers` for Idempotency-Key.
 */
export async function api(method, path, body, headers = {}) {
  const response = await send(method, path, body, headers);
  if (response.status === 401 && currentSession() && (await refreshSession())) {
    return readAnswer(await send(method, path, body, headers));
  }
  return readAnswer(response);
}

export const get = (path) => api('GET', path);

/** A key for a command sent once (a retry of the same command reuses it; see api.md, Idempotency-Key). */
export function idempotencyKey() {
  // getRandomValues, not randomUUID: the console may be opened over plain HTTP on another host (no secure context).
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return { 'Idempotency-Key': Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('') };
}

/** GET with query parameters, leaving out the empty ones. */
export function withQuery(path, parameters) {
  const query = new URLSearchParams(
    Object.entries(parameters).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  );
  return query.size > 0 ? `${path}?${query}` : path;
}

export async function signIn(email, password) {
  const answer = await api('POST', '/auth/login', { email, password });
  saveSession({ user: answer.user, accessToken: answer.accessToken, refreshToken: answer.refreshToken });
  return answer.user;
}

export async function signOut() {
  const session = currentSession();
  saveSession(null);
  if (session)
    await fetch(`${BASE}/auth/logout`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.accessToken}` },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    }).catch(() => undefined);
}
