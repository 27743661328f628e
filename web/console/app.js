import { signOut } from './api.js';
import { h, show } from './dom.js';
import { startNotificationAlerts } from './notification-alerts.js';
import { startRealtime } from './realtime.js';
import { currentUser, onSessionChange } from './session.js';
import * as auction from './pages/auction.js';
import * as auctions from './pages/auctions.js';
import * as cart from './pages/cart.js';
import * as delivery from './pages/delivery.js';
import * as listing from './pages/listing.js';
import * as listings from './pages/listings.js';
import * as notifications from './pages/notifications.js';
import * as orders from './pages/orders.js';
import * as signIn from './pages/sign-in.js';

/** Hash routes: `#/auction/<id>` renders pages/auction.js with the id. Each page returns its cleanup (or nothing). */
const routes = [
  [/^#\/sign-in$/, signIn],
  [/^#\/listings$/, listings],
  [/^#\/listing\/([^/]+)$/, listing],
  [/^#\/cart$/, cart],
  [/^#\/auctions$/, auctions],
  [/^#\/auction\/([^/]+)$/, auction],
  [/^#\/orders$/, orders],
  [/^#\/delivery\/([^/]+)$/, delivery],
  [/^#\/notifications$/, notifications],
];

const main = document.getElementById('main');
let leavePage = null;

async function route() {
  leavePage?.();
  leavePage = null;
  const hash = location.hash || '#/listings';
  const match = routes.map(([pattern, page]) => [hash.match(pattern), page]).find(([found]) => found);
  if (!match) {
    location.hash = '#/listings';
    return;
  }
  const [found, page] = match;
  show(main, h('p', { class: 'muted' }, 'Loading…'));
  markCurrentLink(hash);
  const cleanup = await page.render(main, decodeURIComponent(found[1] ?? ''));
  // The user may have moved on while the page loaded: stop what it started at once.
  if (location.hash === hash || (!location.hash && hash === '#/listings')) leavePage = cleanup ?? null;
  else cleanup?.();
}

function markCurrentLink(hash) {
  for (const link of document.querySelectorAll('nav a')) {
    if (hash.startsWith(link.getAttribute('href'))) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function renderSessionBar() {
  const user = currentUser();
  const bar = document.querySelector('[data-testid="session"]');
  if (!user) {
    show(bar, h('a', { href: '#/sign-in', class: 'button' }, 'Sign in'));
    return;
  }
  show(
    bar,
    h('span', { 'data-testid': 'signed-in-as' }, `Signed in as ${user.displayName}`),
    h('button', { type: 'button', onclick: () => signOut().then(() => (location.hash = '#/sign-in')) }, 'Sign out'),
  );
}

onSessionChange(renderSessionBar);
window.addEventListener('hashchange', route);
renderSessionBar();
startRealtime();
startNotificationAlerts();
route();
