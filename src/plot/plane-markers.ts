/**
 * What a plane figure draws over its contours: the straight segment dashed, the
 * trained curve solid, the endpoints w1 and w2 as circles and each bend as a diamond,
 * all labelled, all black as in the reference's figures.
 */
import type { PlaneInfo, Point2 } from '../landscape/manifest.js';
import type { PlotArea } from './plot-area.js';
import { element, pointList, text } from './svg.js';

const endpointRadiusUnits = 4.5;
const bendHalfUnits = 6;

/** Every bend on the plane; the 3-point curve has one. */
export function bendPoints(points: PlaneInfo['points']): Point2[] {
  return [points.bend];
}

/** SVG of the segment, the curve, the endpoints and the bends. */
export function planeMarkers(area: PlotArea, plane: PlaneInfo): string {
  const segment = element('polyline', {
    class: 'segment',
    points: pointList(plane.segment.map(area.map)),
    fill: 'none',
    stroke: '#000000',
    'stroke-width': 1.6,
    'stroke-dasharray': '5 5',
  });
  const curve = element('polyline', {
    class: 'curve',
    points: pointList(plane.curve.map(area.map)),
    fill: 'none',
    stroke: '#000000',
    'stroke-width': 2.4,
    'stroke-linejoin': 'round',
  });
  const [x1, y1] = area.map(plane.points.w1);
  const [x2, y2] = area.map(plane.points.w2);
  // The curve leaves the endpoints upwards, so their labels go below and outside.
  const endpoints = [
    element('circle', { class: 'endpoint', cx: x1, cy: y1, r: endpointRadiusUnits }),
    element('circle', { class: 'endpoint', cx: x2, cy: y2, r: endpointRadiusUnits }),
    label('w₁', x1 - 7, y1 + 15, 'end'),
    label('w₂', x2 + 7, y2 + 15, 'start'),
  ];
  const bends = bendPoints(plane.points).flatMap((point, i, all) => {
    const [bx, by] = area.map(point);
    const h = bendHalfUnits;
    const diamond: Point2[] = [
      [bx, by - h],
      [bx + h, by],
      [bx, by + h],
      [bx - h, by],
    ];
    const name = all.length === 1 ? 'θ' : `θ${subscript(i + 1)}`;
    return [
      element('polygon', { class: 'bend', points: pointList(diamond) }),
      label(name, bx, by - h - 5, 'middle'),
    ];
  });
  return segment + curve + endpoints.join('') + bends.join('');
}

/** A label with a white halo, readable over any band. */
function label(content: string, x: number, y: number, anchor: string): string {
  return text(content, {
    x,
    y,
    'font-size': 13,
    'text-anchor': anchor,
    stroke: '#ffffff',
    'stroke-width': 2.5,
    'stroke-linejoin': 'round',
    'paint-order': 'stroke',
  });
}

function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => String.fromCharCode(0x2080 + Number(d)));
}
