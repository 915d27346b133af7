/**
 * The filled level bands and the level lines of a plane figure, clipped to its plot
 * area: band k is the region between levels k and k + 1 (the top band everything
 * from the last level up), drawn semi-transparent; each level's line is opaque.
 */
import { bandColour, bandOpacity } from './band-colours.js';
import type { PlaneContour, PlaneMultiPolygon } from './plane-contours.js';
import type { PlotArea } from './plot-area.js';
import { element, num } from './svg.js';

/** A band thinner than this (in grid cells) is a rounding sliver, not drawn. */
const minBandCells = 1e-6;

/** SVG of the bands (one path each, the empty ones left out) and the level lines. */
export function planeBands(area: PlotArea, contours: PlaneContour[]): string {
  const top = contours.length - 1;
  const bands: string[] = [];
  contours.forEach((contour, band) => {
    const above = contours[band + 1];
    if (contour.areaCells - (above?.areaCells ?? 0) <= minBandCells) return;
    // Even-odd over the region at or above this level and the one at or above the
    // next leaves just the band between them, so each band is painted once.
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
  // The lowest level's region is the whole grid: its outline is the frame.
  const lines = contours.slice(1).flatMap((contour, i) =>
    contour.polygons.length === 0
      ? []
      : [
          element('path', {
            class: 'level-line',
            d: pathData(area, contour.polygons),
            fill: 'none',
            stroke: bandColour(i + 1, top),
            'stroke-width': 1.3,
            'stroke-linejoin': 'round',
          }),
        ],
  );

  const { left, top: y, width, height } = area.box;
  const clip = element(
    'clipPath',
    { id: 'plane-clip' },
    element('rect', { x: left, y, width, height }),
  );
  return (
    element('defs', {}, clip) +
    element('g', { 'clip-path': 'url(#plane-clip)' }, bands.join('') + lines.join(''))
  );
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
