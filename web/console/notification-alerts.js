import { get } from './api.js';
import { h } from './dom.js';
import { on } from './realtime.js';
import { currentSession, onSessionChange } from './session.js';

const TOAST_MS = 6000;
let unread = 0;

function renderBadge() {
  const badge = document.querySelector('[data-testid="notification-badge"]');
  badge.hidden = unread === 0;
  badge.textContent = unread === 0 ? '' : String(unread);
  badge.setAttribute('aria-label', `${unread} unread`);
}

export function setUnreadCount(count) {
  unread = count;
  renderBadge();
}

/** A short-lived message in the polite live region (screen readers read it too). */
export function toast(text) {
  const item = h('div', { class: 'toast', 'data-testid': 'toast' }, text);
  document.querySelector('[data-testid="toasts"]').append(item);
  setTimeout(() => item.remove(), TOAST_MS);
}

async function countUnread() {
  if (!currentSession()) return setUnreadCount(0);
  const page = await get('/notifications?unread=true&limit=100').catch(() => ({ items: [] }));
  setUnreadCount(page.items.length);
}

/** Every page: a new notification bumps the badge and shows a toast. */
export function startNotificationAlerts() {
  on('notification', (notification) => {
    setUnreadCount(unread + 1);
    toast(`${notification.title}: ${notification.body}`);
  });
  onSessionChange(() => countUnread());
  countUnread();
}
