/**
 * Who is signed in: { user, accessToken, refreshToken }, kept in localStorage so that a reload stays signed in.
 * Listeners hear every change (sign in, token refresh, sign out).
 */
const KEY = 'uty.console.session';
const listeners = new Set();

export function currentSession() {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null');
  } catch {
    return null;
  }
}

export function saveSession(session) {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
  for (const listener of listeners) listener(session);
}

export function onSessionChange(listener) {
  listeners.add(listener);
}

export function currentUser() {
  return currentSession()?.user ?? null;
}
