/** The thin dark outline drawn around a plot area or a colour bar. */
import { type PlotBox } from './plot-area.js';
import { element } from './svg.js';

/** An unfilled rectangle on `box`, with `className` as its class when given. */
export function boxOutline(box: PlotBox, className?: string): string {
  return element('rect', {
    class: className,
    x: box.left,
    y: box.top,
    width: box.width,
    height: box.height,
    fill: 'none',
    stroke: '#222222',
    'stroke-width': 0.8,
  });
}
