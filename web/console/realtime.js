import { io } from '/console/vendor/socket.io.esm.min.js';
import { refreshSession } from './api.js';
import { currentSession, onSessionChange } from './session.js';

/**
 * The one Socket.IO connection to `/ws`, as the signed-in user (the server refuses sockets without a token).
 * Rooms asked for are joined again after every reconnection; an expired token is refreshed and sent along.
 */
let socket = null;
/** Whose token the socket carries: another user signing in needs a new connection, the same one a token refresh. */
let socketUserId = null;
/** Refusals in a row (a refused handshake is not retried by Socket.IO itself). */
let refusals = 0;
const MAX_REFUSALS = 3;
const rooms = new Set();
/** event -> handlers, kept here so that they survive a new socket (sign out, sign in as another user). */
const handlers = new Map();

function join(room) {
  socket?.emit('subscribe', { room }, () => undefined);
}

function connect() {
  socketUserId = currentSession()?.user.id ?? null;
  socket = io('/ws', {
    transports: ['websocket'],
    // Called at each (re)connection: always the latest access token.
    auth: (give) => give({ token: currentSession()?.accessToken }),
  });
  socket.on('connect', () => {
    refusals = 0;
    rooms.forEach(join);
  });
  socket.on('connect_error', async () => {
    // socket.active: a network failure Socket.IO retries itself. Otherwise the server refused the handshake, most
    // likely for an expired token: refresh it and try again, a few times at most.
    if (socket?.active || ++refusals > MAX_REFUSALS) return;
    if (await refreshSession()) setTimeout(() => socket?.connect(), 1000);
  });
  socket.on('auth.expired', async () => {
    if (await refreshSession()) socket?.connect();
  });
  for (const [event, set] of handlers) for (const handler of set) socket.on(event, handler);
}

function disconnect() {
  socket?.disconnect();
  socket = null;
}

/** Starts (or restarts) the connection for whoever is signed in now. */
export function startRealtime() {
  disconnect();
  if (currentSession()) connect();
}

onSessionChange((session) => {
  if (!session) return disconnect();
  if (session.user.id !== socketUserId) return startRealtime();
  // Same user with a fresh token: keep the connection past the old token's expiry.
  if (socket?.connected) socket.emit('auth.refresh', { token: session.accessToken }, () => undefined);
});

/** Listens to `event`; returns the function that stops listening. */
export function on(event, handler) {
  if (!handlers.has(event)) handlers.set(event, new Set());
  handlers.get(event).add(handler);
  socket?.on(event, handler);
  return () => {
    handlers.get(event)?.delete(handler);
    socket?.off(event, handler);
  };
}

/** Joins `room` (again after reconnections) until the returned function leaves it. */
export function subscribe(room) {
  rooms.add(room);
  if (socket?.connected) join(room);
  return () => {
    rooms.delete(room);
    socket?.emit('unsubscribe', { room }, () => undefined);
  };
}

export function isLive() {
  return socket?.connected === true;
}
