/**
 * The rectangle a figure draws its data in, its two linear scales (y up) and the
 * axes around it: ticks, tick labels, optional grid lines and the axis titles.
 */
import { type ScaleLinear, scaleLinear } from 'd3-scale';
import { boxOutline } from './box-outline.js';
import { levelLabels } from './level-labels.js';
import { element, text } from './svg.js';

export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PlotArea {
  box: PlotBox;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  /** Data coordinates to SVG units. */
  map(point: [number, number]): [number, number];
}

/** Scales from the data extents onto `box`, the y axis pointing up. */
export function plotArea(
  box: PlotBox,
  xDomain: [number, number],
  yDomain: [number, number],
): PlotArea {
  const x = scaleLinear()
    .domain(xDomain)
    .range([box.left, box.left + box.width]);
  const y = scaleLinear()
    .domain(yDomain)
    .range([box.top + box.height, box.top]);
  return { box, x, y, map: ([px, py]) => [x(px), y(py)] };
}

export interface AxesOptions {
  xTitle: string;
  yTitle: string;
  /** Light lines across the plot at each tick. */
  gridLines?: boolean;
  tickCount?: number;
}

const tickLengthUnits = 4;
const fontUnits = 10;

/** The frame, ticks, labels and titles of a plot area, as SVG. */
export function axes(area: PlotArea, options: AxesOptions): string {
  const { box } = area;
  const bottom = box.top + box.height;
  const right = box.left + box.width;
  const count = options.tickCount ?? 6;
  const xTicks = area.x.ticks(count);
  const yTicks = area.y.ticks(count);
  const parts: string[] = [];

  if (options.gridLines) {
    for (const t of xTicks) {
      const sx = area.x(t);
      parts.push(gridLine(sx, box.top, sx, bottom));
    }
    for (const t of yTicks) {
      const sy = area.y(t);
      parts.push(gridLine(box.left, sy, right, sy));
    }
  }

  levelLabels(xTicks).forEach((label, i) => {
    const sx = area.x(xTicks[i] as number);
    parts.push(tick(sx, bottom, sx, bottom + tickLengthUnits));
    parts.push(
      text(label, {
        x: sx,
        y: bottom + tickLengthUnits + fontUnits + 1,
        'font-size': fontUnits,
        'text-anchor': 'middle',
      }),
    );
  });
  levelLabels(yTicks).forEach((label, i) => {
    const sy = area.y(yTicks[i] as number);
    parts.push(tick(box.left - tickLengthUnits, sy, box.left, sy));
    parts.push(
      text(label, {
        x: box.left - tickLengthUnits - 2,
        y: sy + fontUnits * 0.35,
        'font-size': fontUnits,
        'text-anchor': 'end',
      }),
    );
  });

  parts.push(boxOutline(box, 'plot-area'));
  parts.push(
    text(options.xTitle, {
      x: box.left + box.width / 2,
      y: bottom + tickLengthUnits + 2 * fontUnits + 8,
      'font-size': fontUnits + 1,
      'text-anchor': 'middle',
    }),
  );
  const yTitleX = box.left - 44;
  const yTitleY = box.top + box.height / 2;
  parts.push(
    text(options.yTitle, {
      x: yTitleX,
      y: yTitleY,
      'font-size': fontUnits + 1,
      'text-anchor': 'middle',
      transform: `rotate(-90 ${yTitleX} ${yTitleY})`,
    }),
  );
  return parts.join('');
}

function tick(x1: number, y1: number, x2: number, y2: number): string {
  return element('line', { x1, y1, x2, y2, stroke: '#222222', 'stroke-width': 0.8 });
}

function gridLine(x1: number, y1: number, x2: number, y2: number): string {
  return element('line', { x1, y1, x2, y2, stroke: '#dddddd', 'stroke-width': 0.6 });
}
