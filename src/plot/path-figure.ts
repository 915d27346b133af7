/**
 * A metric along t for the trained curve (solid) against the straight segment
 * (dashed): the barrier the curve avoids, as a line chart.
 */
import { basename } from 'node:path';
import type { LandscapeBundle } from '../landscape/manifest.js';
import { type Figure, capitalised, figureTitle } from './figure.js';
import type { FigureMetric } from './figure-metrics.js';
import { axes, plotArea, type PlotArea } from './plot-area.js';
import { element, pointList, svgDocument, text } from './svg.js';

const widthUnits = 500;
const heightUnits = 320;
const plotBox = { left: 62, top: 48, width: 414, height: 218 };

export const curveColour = '#c0392b';
export const segmentColour = '#2c5aa0';

/** The path figure of `spec.metric` for a loaded bundle. */
export function pathFigure(bundle: LandscapeBundle, spec: FigureMetric): Figure {
  const { ts, curve, segment } = bundle.manifest.paths;
  const curveValues = curve[spec.metric];
  const segmentValues = segment[spec.metric];
  const high = Math.max(...curveValues, ...segmentValues);
  const area = plotArea(plotBox, [0, 1], [0, high > 0 ? high * 1.05 : 1]);
  area.y.nice();

  const line = (values: number[], cls: string, colour: string, dash?: string): string =>
    element('polyline', {
      class: cls,
      points: pointList(values.map((v, i) => area.map([ts[i] as number, v]))),
      fill: 'none',
      stroke: colour,
      'stroke-width': 2,
      'stroke-linejoin': 'round',
      'stroke-dasharray': dash,
    });

  const body = [
    axes(area, {
      xTitle: 't along the path (0 at w₁, 1 at w₂)',
      yTitle: `${spec.label} (${spec.unit})`,
      gridLines: true,
    }),
    line(segmentValues, 'segment', segmentColour, '6 4'),
    line(curveValues, 'curve', curveColour),
    legend(area),
    figureTitle(
      `${capitalised(spec.label)} along the paths · ${basename(bundle.dir)}`,
      plotBox,
    ),
  ].join('');
  return { svg: svgDocument(widthUnits, heightUnits, body), widthUnits, heightUnits };
}

/** The key, above the plot so it never hides a line. */
function legend(area: PlotArea): string {
  const y = area.box.top - 12;
  const entry = (x: number, words: string, colour: string, dash?: string): string =>
    element('line', {
      x1: x,
      y1: y,
      x2: x + 26,
      y2: y,
      stroke: colour,
      'stroke-width': 2,
      'stroke-dasharray': dash,
    }) + text(words, { x: x + 32, y: y + 3.5, 'font-size': 10 });
  const middle = area.box.left + area.box.width / 2;
  return (
    entry(middle - 150, 'curve (trained)', curveColour) +
    entry(middle + 10, 'straight segment', segmentColour, '6 4')
  );
}
