import { get } from '../api.js';
import { errorBox, h, show } from '../dom.js';
import { formatDate } from '../format.js';
import { on, subscribe } from '../realtime.js';
import { trackMap } from '../track-map.js';

/** Events of the room that change the delivery's status: read it again. */
const STATUS_EVENTS = ['delivery.assigned', 'delivery.picked_up', 'delivery.completed'];

export async function render(main, id) {
  const path = `/deliveries/${encodeURIComponent(id)}`;
  let delivery;
  try {
    delivery = await get(path);
  } catch (error) {
    return show(main, h('h1', {}, 'Delivery'), errorBox(error));
  }
  const points = [...delivery.track];
  if (delivery.lastLocation && points.length === 0) points.push(delivery.lastLocation);
  const map = trackMap();
  const status = h('span', { 'data-testid': 'delivery-status' });
  const lastFix = h('span', { 'data-testid': 'delivery-last-fix' });
  const update = () => {
    status.textContent = delivery.status.replace('_', ' ');
    const last = points[points.length - 1];
    lastFix.textContent = last ? `${formatDate(last.recordedAt)} (${points.length} points)` : 'none yet';
    map.draw(points);
  };
  show(
    main,
    h('h1', {}, 'Delivery'),
    h('p', { 'aria-live': 'polite' }, 'Status: ', status, ' · Last position: ', lastFix),
    map.element,
  );
  update();
  const stops = [
    subscribe(`delivery:${id}`),
    on('delivery.location.updated', (fix) => {
      if (fix.deliveryId !== id) return;
      points.push(fix);
      update();
    }),
    ...STATUS_EVENTS.map((event) =>
      on(event, async (payload) => {
        if (payload.deliveryId !== id) return;
        delivery = await get(path).catch(() => delivery);
        update();
      }),
    ),
  ];
  return () => stops.forEach((stop) => stop());
}
