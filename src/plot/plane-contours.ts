/**
 * Contours of a plane grid at given levels, with d3-contour, in plane coordinates.
 * The grid is stored [alpha][beta]; d3-contour reads [row][column] with x along the
 * column, so the grid is transposed to put x along alpha and y along beta.
 */
import { contours } from 'd3-contour';
import type { Point2 } from '../landscape/manifest.js';

/** Rings (outer first, then holes) of each polygon, in plane coordinates. */
export type PlaneMultiPolygon = Point2[][][];

export interface PlaneContour {
  level: number;
  polygons: PlaneMultiPolygon;
  /** Area of the region at or above the level, in grid cells (holes subtracted). */
  areaCells: number;
}

/**
 * The region at or above each level. `values` is [alpha][beta] row-major; `xs` and
 * `ys` are the evenly spaced plane coordinates of the alphas and betas. d3-contour
 * places sample i at i + 0.5 and closes regions half a cell outside the outer
 * samples, so polygons reach half a step past the grid: clip them to its extent.
 */
export function planeContours(
  values: ArrayLike<number>,
  xs: number[],
  ys: number[],
  levels: number[],
): PlaneContour[] {
  const alphaCount = xs.length;
  const betaCount = ys.length;
  const transposed = new Float64Array(alphaCount * betaCount);
  for (let a = 0; a < alphaCount; a++) {
    for (let b = 0; b < betaCount; b++) {
      transposed[b * alphaCount + a] = values[a * betaCount + b] as number;
    }
  }
  const toPlane = gridToPlane(xs, ys);
  const generator = contours().size([alphaCount, betaCount]).thresholds(levels);
  return generator(Array.from(transposed)).map((multi) => ({
    level: multi.value,
    areaCells: multi.coordinates.reduce((sum, rings) => sum + polygonArea(rings), 0),
    polygons: multi.coordinates.map((rings) =>
      rings.map((ring) => ring.map((p) => toPlane(p[0] as number, p[1] as number))),
    ),
  }));
}

function gridToPlane(xs: number[], ys: number[]): (gx: number, gy: number) => Point2 {
  const x0 = xs[0] as number;
  const y0 = ys[0] as number;
  const xStep =
    xs.length > 1 ? ((xs[xs.length - 1] as number) - x0) / (xs.length - 1) : 1;
  const yStep =
    ys.length > 1 ? ((ys[ys.length - 1] as number) - y0) / (ys.length - 1) : 1;
  return (gx, gy) => [x0 + (gx - 0.5) * xStep, y0 + (gy - 0.5) * yStep];
}

/** Area of a polygon given as its outer ring then its holes. */
function polygonArea(rings: number[][][]): number {
  const [outer, ...holes] = rings.map((ring) => Math.abs(ringArea(ring)));
  return (outer ?? 0) - holes.reduce((sum, hole) => sum + hole, 0);
}

/** Signed shoelace area of a closed ring. */
function ringArea(ring: number[][]): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    area += xj * yi - xi * yj;
  }
  return area / 2;
}
