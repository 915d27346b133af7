/**
 * The plane figure of the reference: filled log-spaced contours of one metric on the
 * plane through w1, the bend and w2, the curve solid, the segment dashed, endpoints
 * as circles, the bend as a diamond, and a colour bar.
 */
import { basename } from 'node:path';
import type { LandscapeBundle, PlaneInfo, Point2 } from '../landscape/manifest.js';
import { logger } from '../log/logger.js';
import { bandColour, bandOpacity } from './band-colours.js';
import { colourBar } from './colour-bar.js';
import type { Figure, FigureMetric } from './figure-metrics.js';
import { clipValues, planeLevels, usableClip } from './levels.js';
import { type PlotArea, axes, plotArea } from './plot-area.js';
import { type PlaneMultiPolygon, planeContours } from './plane-contours.js';
import { element, num, pointList, svgDocument, text } from './svg.js';

const log = logger('plot');

const widthUnits = 500;
const heightUnits = 418;
const plotBox = { left: 62, top: 34, width: 330, height: 330 };
const barBox = { left: 414, top: 34, width: 14, height: 330 };
const endpointRadiusUnits = 4.5;
const bendHalfUnits = 6;
/** A band thinner than this (in grid cells) is a rounding sliver, not drawn. */
const minBandCells = 1e-6;

/** Every bend on the plane; one for the 3-point curve. */
export function bendPoints(points: PlaneInfo['points']): Point2[] {
  return [points.bend];
}

/** The plane figure of `spec.metric` for a loaded bundle. */
export function planeFigure(bundle: LandscapeBundle, spec: FigureMetric): Figure {
  const { plane } = bundle.manifest;
  const grid = bundle.grids[spec.metric];
  const clip = usableClip(grid.values, spec.clip);
  if (clip !== spec.clip) {
    log.warn(
      `${bundle.dir}: every ${spec.label} on the plane is at or above the usual ` +
        `ceiling ${spec.clip}; drawn unclipped`,
    );
  }
  const clipped = clipValues(grid.values, clip);
  const { levels } = planeLevels(clipped, { clip });
  const area = plotArea(
    plotBox,
    [plane.xs[0] as number, plane.xs[plane.xs.length - 1] as number],
    [plane.ys[0] as number, plane.ys[plane.ys.length - 1] as number],
  );
  const contours = planeContours(clipped, plane.xs, plane.ys, levels);
  const top = levels.length - 1;

  const bands: string[] = [];
  contours.forEach((contour, band) => {
    const above = contours[band + 1];
    if (contour.areaCells - (above?.areaCells ?? 0) <= minBandCells) return;
    // Even-odd over the region at or above this level and the one above the next
    // leaves just the band between them, so each band is one path drawn once.
    const d = pathData(area, contour.polygons) + pathData(area, above?.polygons ?? []);
    bands.push(
      element('path', {
        class: 'band',
        'data-band': band,
        d,
        fill: bandColour(band, top),
        'fill-opacity': bandOpacity,
        'fill-rule': 'evenodd',
      }),
    );
  });
  const lines = contours.slice(1).map((contour, i) =>
    element('path', {
      class: 'level-line',
      d: pathData(area, contour.polygons),
      fill: 'none',
      stroke: bandColour(i + 1, top),
      'stroke-width': 1.3,
      'stroke-linejoin': 'round',
    }),
  );

  const clipPath = element(
    'clipPath',
    { id: 'plane-clip' },
    element('rect', {
      x: plotBox.left,
      y: plotBox.top,
      width: plotBox.width,
      height: plotBox.height,
    }),
  );
  const body = [
    element('defs', {}, clipPath),
    element('g', { 'clip-path': 'url(#plane-clip)' }, bands.join('') + lines.join('')),
    pathsAndPoints(area, plane),
    axes(area, {
      xTitle: 'x = α dx (weight-space units)',
      yTitle: 'y = β dy (weight-space units)',
    }),
    colourBar(barBox, levels),
    text(spec.unit, {
      x: barBox.left + barBox.width / 2,
      y: barBox.top - 10,
      'font-size': 10,
      'text-anchor': 'middle',
    }),
    text(`${capitalised(spec.label)} on the plane · ${basename(bundle.dir)}`, {
      x: plotBox.left + plotBox.width / 2,
      y: 20,
      'font-size': 13,
      'text-anchor': 'middle',
    }),
  ].join('');
  return { svg: svgDocument(widthUnits, heightUnits, body), widthUnits, heightUnits };
}

/** The segment dashed, the curve solid, the endpoints and the bends, labelled. */
function pathsAndPoints(area: PlotArea, plane: PlaneInfo): string {
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
  const endpoints = [
    element('circle', { class: 'endpoint', cx: x1, cy: y1, r: endpointRadiusUnits }),
    element('circle', { class: 'endpoint', cx: x2, cy: y2, r: endpointRadiusUnits }),
    label('w₁', x1 - 7, y1 + 15, 'end'),
    label('w₂', x2 + 7, y2 + 15, 'start'),
  ];
  const bends = bendPoints(plane.points).flatMap((point, i, all) => {
    const [bx, by] = area.map(point);
    const h = bendHalfUnits;
    const diamond: [number, number][] = [
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

function capitalised(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** SVG path data of every ring, each closed. */
function pathData(area: PlotArea, polygons: PlaneMultiPolygon): string {
  return polygons
    .flat()
    .map((ring) => {
      const points = ring.map((p) => area.map(p));
      return 'M' + points.map(([x, y]) => `${num(x)},${num(y)}`).join('L') + 'Z';
    })
    .join('');
}
