import { svg } from './dom.js';

const WIDTH = 600;
const HEIGHT = 400;
const PADDING = 30;
/** Degrees: a track of one point still gets a box to stand in. */
const MIN_SPAN = 0.002;
const METRES_PER_DEGREE_LAT = 111_320;
const SCALE_STEPS_M = [20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000];
const GRID_PX = 40;

/** The box around the points, and the scale that fits it into the picture (x stretched by cos(latitude)). */
function frameOf(points) {
  const lats = points.map((p) => p.lat);
  const lngs = points.map((p) => p.lng);
  const centre = { lat: (Math.min(...lats) + Math.max(...lats)) / 2, lng: (Math.min(...lngs) + Math.max(...lngs)) / 2 };
  const xStretch = Math.cos((centre.lat * Math.PI) / 180);
  const spanLat = Math.max(Math.max(...lats) - Math.min(...lats), MIN_SPAN);
  const spanLng = Math.max((Math.max(...lngs) - Math.min(...lngs)) * xStretch, MIN_SPAN);
  const scale = Math.min((WIDTH - 2 * PADDING) / spanLng, (HEIGHT - 2 * PADDING) / spanLat);
  const place = (point) => ({
    x: WIDTH / 2 + (point.lng - centre.lng) * xStretch * scale,
    y: HEIGHT / 2 - (point.lat - centre.lat) * scale,
  });
  return { place, pixelsPerMetre: scale / METRES_PER_DEGREE_LAT };
}

/** A graph-paper ground: without tiles, it still shows that the picture is a map and how far the courier went. */
function ground() {
  const defs = svg('defs');
  const pattern = svg('pattern', { id: 'track-grid', width: GRID_PX, height: GRID_PX, patternUnits: 'userSpaceOnUse' });
  pattern.append(svg('path', { d: `M ${GRID_PX} 0 L 0 0 0 ${GRID_PX}`, class: 'grid-line' }));
  defs.append(pattern);
  const paper = svg('rect', { x: 0, y: 0, width: WIDTH, height: HEIGHT, class: 'ground' });
  const lines = svg('rect', { x: 0, y: 0, width: WIDTH, height: HEIGHT, fill: 'url(#track-grid)' });
  return [defs, paper, lines];
}

/** The longest round distance whose bar fits in 150 px, drawn bottom left with its label. */
function scaleBar() {
  const bar = svg('line', { class: 'scale-bar', x1: 20, y1: HEIGHT - 20, x2: 20, y2: HEIGHT - 20 });
  const label = svg('text', { class: 'scale-label', x: 20, y: HEIGHT - 28 });
  const update = (pixelsPerMetre) => {
    const metres = SCALE_STEPS_M.filter((m) => m * pixelsPerMetre <= 150).pop() ?? SCALE_STEPS_M[0];
    bar.setAttribute('x2', (20 + metres * pixelsPerMetre).toFixed(1));
    label.textContent = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  };
  return { elements: [bar, label], update };
}

/**
 * The courier's track and position drawn over the bounding box of the points known so far: no map tiles, so it
 * works offline. draw() again with each new point.
 */
export function trackMap() {
  const picture = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-label': "The courier's track",
    class: 'track-map',
    'data-testid': 'track-map',
  });
  const bar = scaleBar();
  const path = svg('polyline', { class: 'track', points: '' });
  const start = svg('circle', { class: 'start', r: 6, cx: -10, cy: -10 });
  const marker = svg('circle', { class: 'courier', r: 10, cx: -10, cy: -10, 'data-testid': 'courier-marker' });
  picture.append(...ground(), ...bar.elements, path, start, marker);
  const draw = (points) => {
    if (points.length === 0) return;
    const { place, pixelsPerMetre } = frameOf(points);
    bar.update(pixelsPerMetre);
    const placed = points.map(place);
    path.setAttribute('points', placed.map(({ x, y }) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' '));
    start.setAttribute('cx', placed[0].x.toFixed(1));
    start.setAttribute('cy', placed[0].y.toFixed(1));
    const last = points[points.length - 1];
    const at = placed[placed.length - 1];
    marker.setAttribute('cx', at.x.toFixed(1));
    marker.setAttribute('cy', at.y.toFixed(1));
    // The position itself, for people (title) and for tests (data-lat/lng), whatever the frame does.
    marker.dataset.lat = String(last.lat);
    marker.dataset.lng = String(last.lng);
    marker.replaceChildren(svg('title'));
    marker.firstChild.textContent = `Courier at ${last.lat.toFixed(5)}, ${last.lng.toFixed(5)}`;
  };
  return { element: picture, draw };
}
