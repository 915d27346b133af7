/**
 * The colour bar of a plane figure, as the reference draws it: one equal box per
 * band (N + 1, the catch-all on top), a tick at the bottom of each box labelled
 * with its lower level, the top one written "> max".
 */
import { bandColour, bandOpacity } from './band-colours.js';
import { boxOutline } from './box-outline.js';
import { levelLabels } from './level-labels.js';
import { type PlotBox } from './plot-area.js';
import { element, text } from './svg.js';

const fontUnits = 10;

/** The bar inside `box` for the N + 1 `levels` (the last is max). */
export function colourBar(box: PlotBox, levels: number[]): string {
  const bandCount = levels.length;
  const boxHeight = box.height / bandCount;
  const labels = levelLabels(levels);
  const parts: string[] = [];
  for (let band = 0; band < bandCount; band++) {
    const bottom = box.top + box.height - band * boxHeight;
    parts.push(
      element('rect', {
        class: 'colour-bar-box',
        x: box.left,
        y: bottom - boxHeight,
        width: box.width,
        height: boxHeight,
        fill: bandColour(band, bandCount - 1),
        'fill-opacity': bandOpacity,
      }),
    );
    const label = band === bandCount - 1 ? `> ${labels[band]}` : (labels[band] ?? '');
    parts.push(
      element('line', {
        class: 'colour-bar-tick',
        x1: box.left + box.width,
        y1: bottom,
        x2: box.left + box.width + 4,
        y2: bottom,
        stroke: '#222222',
        'stroke-width': 0.8,
      }),
      text(label, {
        class: 'colour-bar-label',
        x: box.left + box.width + 6,
        y: bottom + fontUnits * 0.35,
        'font-size': fontUnits,
      }),
    );
  }
  parts.push(boxOutline(box));
  return parts.join('');
}
