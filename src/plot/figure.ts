import { type PlotBox } from './plot-area.js';
import { text } from './svg.js';

/** A figure as SVG text and its size in SVG user units (one unit a pixel at 72 dpi). */
export interface Figure {
  svg: string;
  widthUnits: number;
  heightUnits: number;
}

/** The first letter raised, for titles made from a metric's words. */
export function capitalised(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The title of a figure, centred over `plotBox` on the top margin. */
export function figureTitle(words: string, plotBox: PlotBox): string {
  return text(words, {
    x: plotBox.left + plotBox.width / 2,
    y: 20,
    'font-size': 13,
    'text-anchor': 'middle',
  });
}
