/**
 * The membrane mesh: the surface field sampled on a regular grid from Z = zMin to
 * zMax (mirrored: the beta >= 0 half and its image, one continuous mesh). It carries
 * the shape; the shader takes the level and normal between its corners from the finer
 * field texture.
 */
import { type SurfaceField } from './surface-field.js';

export interface WingMesh {
  /** x, y, z per vertex. */
  positions: Float32Array;
  /** The field's level (0 low loss .. 1 clip) per vertex. */
  levels: Float32Array;
  /** Triangle indices (needs OES_element_index_uint). */
  elements: Uint32Array;
}

/** Samples `field` with `cellsPerUnit` cells per segment length. */
export function buildWingMesh(field: SurfaceField, cellsPerUnit: number): WingMesh {
  const cols = Math.max(2, Math.round((field.xMax - field.xMin) * cellsPerUnit)) + 1;
  const rows = Math.max(2, Math.round((field.zMax - field.zMin) * cellsPerUnit)) + 1;
  const count = cols * rows;
  const positions = new Float32Array(count * 3);
  const levels = new Float32Array(count);
  const stepX = (field.xMax - field.xMin) / (cols - 1);
  const stepZ = (field.zMax - field.zMin) / (rows - 1);

  for (let r = 0; r < rows; r++) {
    const z = field.zMin + r * stepZ;
    for (let c = 0; c < cols; c++) {
      const x = field.xMin + c * stepX;
      const i = r * cols + c;
      const level = field.level(x, z);
      levels[i] = level;
      positions.set([x, field.heightOf(level), z], i * 3);
    }
  }

  const elements = new Uint32Array((cols - 1) * (rows - 1) * 6);
  let k = 0;
  for (let r = 0; r < rows - 1; r++) {
    for (let c = 0; c < cols - 1; c++) {
      const a = r * cols + c;
      const b = a + 1;
      const d = a + cols;
      const e = d + 1;
      elements.set([a, d, b, b, d, e], k);
      k += 6;
    }
  }
  return { positions, levels, elements };
}
