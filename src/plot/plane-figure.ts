/**
 * The plane figure of the reference: filled log-spaced contours of one metric on the
 * plane through w1, the bend and w2, the curve solid, the segment dashed, endpoints
 * as circles, the bend as a diamond, and a colour bar. The plot area is square
 * whatever dx and dy are, as the reference draws it; the axes are in weight-space
 * units, x along alpha and y along beta, y up.
 */
import { basename } from 'node:path';
import type { LandscapeBundle } from '../landscape/manifest.js';
import { logger } from '../log/logger.js';
import { colourBar } from './colour-bar.js';
import { type Figure, capitalised, figureTitle } from './figure.js';
import type { FigureMetric } from './figure-metrics.js';
import { clipValues, planeLevels, usableClip } from './levels.js';
import { planeBands } from './plane-bands.js';
import { planeContours } from './plane-contours.js';
import { planeMarkers } from './plane-markers.js';
import { axes, plotArea } from './plot-area.js';
import { svgDocument, text } from './svg.js';

const log = logger('plot');

const widthUnits = 500;
const heightUnits = 418;
const plotBox = { left: 62, top: 34, width: 330, height: 330 };
const barBox = { left: 414, top: 34, width: 14, height: 330 };

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

  const body = [
    planeBands(area, planeContours(clipped, plane.xs, plane.ys, levels)),
    planeMarkers(area, plane),
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
    figureTitle(
      `${capitalised(spec.label)} on the plane · ${basename(bundle.dir)}`,
      plotBox,
    ),
  ].join('');
  return { svg: svgDocument(widthUnits, heightUnits, body), widthUnits, heightUnits };
}
