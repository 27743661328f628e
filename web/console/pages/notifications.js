import { api, get } from '../api.js';
import { errorBox, h, show } from '../dom.js';
import { formatDate } from '../format.js';
import { setUnreadCount } from '../notification-alerts.js';
import { on } from '../realtime.js';
import { currentUser } from '../session.js';

function item(notification, markRead) {
  const unread = !notification.readAt;
  return h(
    'li',
    { class: `card wide${unread ? ' unread' : ''}`, 'data-testid': 'notification' },
    h('h2', {}, notification.title),
    h('p', {}, notification.body),
    h('p', { class: 'muted' }, formatDate(notification.createdAt)),
    unread && h('button', { type: 'button', onclick: () => markRead(notification) }, 'Mark as read'),
  );
}

export async function render(main) {
  if (!currentUser()) {
    return show(main, h('h1', {}, 'Notifications'), h('p', {}, h('a', { href: '#/sign-in' }, 'Sign in')));
  }
  let items;
  try {
    items = (await get('/notifications?limit=50')).items;
  } catch (error) {
    return show(main, h('h1', {}, 'Notifications'), errorBox(error));
  }
  const list = h('ul', { class: 'cards', 'aria-live': 'polite', 'data-testid': 'notification-list' });
  const draw = () => {
    show(list, items.length === 0 ? h('li', {}, 'Nothing yet.') : items.map((n) => item(n, markRead)));
    setUnreadCount(items.filter((n) => !n.readAt).length);
  };
  const markRead = async (notification) => {
    const read = await api('POST', `/notifications/${notification.id}/read`);
    items = items.map((known) => (known.id === read.id ? read : known));
    draw();
  };
  show(main, h('h1', {}, 'Notifications'), list);
  draw();
  // After notification-alerts.js's own handler (registered first), which counted it: draw() counts again.
  return on('notification', (notification) => {
    items.unshift(notification);
    draw();
  });
}
