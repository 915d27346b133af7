/**
 * Feather barbs: strokes down the gradient flow of the membrane, traced on the CPU
 * once and splatted into a one-channel texture over the wing domain (x from xMin to
 * xMax, z from -zMax to zMax, as the light map). Seeds are jittered from the scene's
 * seed, so the same scene gives the same strokes. Each stroke tapers at both ends.
 */
import seedrandom from 'seedrandom';
import { type SurfaceField } from './surface-field.js';

export interface FlowRaster {
  /** One byte a texel, rows from z = -zMax. */
  data: Uint8Array;
  widthPx: number;
  heightPx: number;
}

// About one texel a step, so a stroke splats as a line rather than dots.
const stepWorld = 0.002;
const maxSteps = 200;

export function traceFlowStrokes(
  field: SurfaceField,
  seed: number,
  widthPx = 640,
): FlowRaster {
  const spanX = field.xMax - field.xMin;
  const spanZ = 2 * field.zMax;
  const heightPx = Math.round((widthPx * spanZ) / spanX);
  const sum = new Float32Array(widthPx * heightPx);
  const random = seedrandom(`icarus-flow-${seed}`);
  const e = 0.004;
  const gradient = (x: number, z: number): [number, number] => [
    (field.level(x + e, z) - field.level(x - e, z)) / (2 * e),
    (field.level(x, z + e) - field.level(x, z - e)) / (2 * e),
  ];
  const splat = (x: number, z: number, value: number) => {
    const px = ((x - field.xMin) / spanX) * widthPx - 0.5;
    const pz = ((z + field.zMax) / spanZ) * heightPx - 0.5;
    const ix = Math.floor(px);
    const iz = Math.floor(pz);
    const fx = px - ix;
    const fz = pz - iz;
    const put = (i: number, j: number, w: number) => {
      if (i < 0 || j < 0 || i >= widthPx || j >= heightPx) return;
      const k = j * widthPx + i;
      sum[k] = Math.max(sum[k] ?? 0, value * w);
    };
    put(ix, iz, (1 - fx) * (1 - fz));
    put(ix + 1, iz, fx * (1 - fz));
    put(ix, iz + 1, (1 - fx) * fz);
    put(ix + 1, iz + 1, fx * fz);
  };

  const cells = 34;
  const zMin = field.mirror ? 0 : field.zMin;
  for (let a = 0; a < cells; a++) {
    for (let b = 0; b < cells; b++) {
      let x = field.xMin + ((a + random()) / cells) * spanX;
      let z = zMin + ((b + random()) / cells) * (field.zMax - zMin);
      const points: [number, number][] = [];
      for (let s = 0; s < maxSteps; s++) {
        const [gx, gz] = gradient(x, z);
        const g = Math.hypot(gx, gz);
        if (g < 0.05) break;
        points.push([x, z]);
        // Downhill, toward the valley: the way a barb lies along the vane.
        x -= (gx / g) * stepWorld;
        z -= (gz / g) * stepWorld;
      }
      if (points.length < 16) continue;
      const strength = 0.55 + 0.45 * random();
      points.forEach(([px, pz], i) => {
        // Fading out toward the floor keeps the minima, where strokes converge, clear.
        const floor = Math.min(field.level(px, pz) / 0.2, 1);
        const taper = Math.sin((Math.PI * (i + 0.5)) / points.length) * floor;
        splat(px, pz, strength * taper);
        if (field.mirror) splat(px, -pz, strength * taper);
      });
    }
  }
  const data = Uint8Array.from(sum, (v) => Math.round(Math.min(v, 1) * 255));
  return { data, widthPx, heightPx };
}
