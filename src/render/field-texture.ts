/**
 * The membrane's level and normal per pixel: the surface field sampled into a float
 * texture several times finer than the mesh and read, bilinear, by the membrane's
 * shader. The mesh then carries only the shape. With the level taken from the vertices
 * instead, contour lines bend at every cell edge unless the cells are a few pixels
 * wide, and llvmpipe shades small triangles wastefully (each 4 x 4 block a triangle
 * touches runs the whole shader), so a coarse mesh over a fine texture costs less than
 * a fine mesh and draws smoother lines.
 */
import type createREGL from 'regl';
import { type SurfaceField } from './surface-field.js';

/** How many field texels there are to a mesh cell, along each side. */
const texelsPerCell = 4;
/**
 * Limit: at most this many texels along the segment (a 512-texel-wide texture on a
 * typical plane). The field is bicubic between grid points some 25 to a unit apart,
 * so finer samples add nothing but set-up time and memory.
 */
const maxTexelsPerUnit = 320;

/** The field's samples along the segment for a mesh of `cellsPerUnit` cells. */
export function fieldTexelsPerUnit(cellsPerUnit: number): number {
  return Math.min(cellsPerUnit * texelsPerCell, maxTexelsPerUnit);
}

export interface FieldSamples {
  /** Per texel: the normal's x, y, z, then the level; rows from zMin, x from xMin. */
  data: Float32Array;
  widthPx: number;
  heightPx: number;
  /**
   * Texture coordinates from world x and z: u = x * [0] + [1], v = z * [2] + [3]; the
   * first and last texels' centres sit on the field's edges.
   */
  uvTransform: [number, number, number, number];
}

/** Samples `field` at `texelsPerUnit` texels along the segment (world X length 1). */
export function fieldSamples(field: SurfaceField, texelsPerUnit: number): FieldSamples {
  const widthPx =
    Math.max(2, Math.round((field.xMax - field.xMin) * texelsPerUnit)) + 1;
  const heightPx =
    Math.max(2, Math.round((field.zMax - field.zMin) * texelsPerUnit)) + 1;
  const stepX = (field.xMax - field.xMin) / (widthPx - 1);
  const stepZ = (field.zMax - field.zMin) / (heightPx - 1);
  // Central differences of the height, half a texel either side.
  const e = 0.5 * Math.min(stepX, stepZ);
  const data = new Float32Array(widthPx * heightPx * 4);
  for (let row = 0; row < heightPx; row++) {
    const z = field.zMin + row * stepZ;
    for (let column = 0; column < widthPx; column++) {
      const x = field.xMin + column * stepX;
      const dhdx = (field.height(x + e, z) - field.height(x - e, z)) / (2 * e);
      const dhdz = (field.height(x, z + e) - field.height(x, z - e)) / (2 * e);
      const length = Math.hypot(dhdx, 1, dhdz);
      data.set(
        [-dhdx / length, 1 / length, -dhdz / length, field.level(x, z)],
        (row * widthPx + column) * 4,
      );
    }
  }
  // u = 0.5 / width at xMin and 1 - 0.5 / width at xMax: the edge texels' centres.
  const scaleU = (widthPx - 1) / widthPx / (field.xMax - field.xMin);
  const scaleV = (heightPx - 1) / heightPx / (field.zMax - field.zMin);
  return {
    data,
    widthPx,
    heightPx,
    uvTransform: [
      scaleU,
      0.5 / widthPx - field.xMin * scaleU,
      scaleV,
      0.5 / heightPx - field.zMin * scaleV,
    ],
  };
}

export interface FieldTexture {
  texture: createREGL.Texture2D;
  uvTransform: [number, number, number, number];
}

/** Needs OES_texture_float and OES_texture_float_linear. */
export function createFieldTexture(
  regl: createREGL.Regl,
  field: SurfaceField,
  texelsPerUnit: number,
): FieldTexture {
  const samples = fieldSamples(field, texelsPerUnit);
  return {
    texture: regl.texture({
      width: samples.widthPx,
      height: samples.heightPx,
      data: samples.data,
      format: 'rgba',
      type: 'float',
      min: 'linear',
      mag: 'linear',
      wrapS: 'clamp',
      wrapT: 'clamp',
    }),
    uvTransform: samples.uvTransform,
  };
}
