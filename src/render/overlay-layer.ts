/**
 * The title and HUD as textures for the finishing pass. sharp rasterises SVG
 * asynchronously and takes a few milliseconds, so the title is drawn once and the
 * HUD again only when its SVG (rounded to what it prints) changes.
 */
import type createREGL from 'regl';
import sharp from 'sharp';
import { type OverlayImage } from '../gl/supersampler.js';
import { type Scene } from '../scene/load-scene.js';
import { type FrameGeometry } from './frame-geometry.js';
import { hudSizePx, hudSvg, titleSvg, type OverlayColors } from './overlay-svg.js';

export interface OverlayLayer {
  /** The overlays for `frame`, rasterising the HUD when it changed. */
  images(frame: FrameGeometry): Promise<OverlayImage[]>;
}

export interface Raster {
  data: Uint8Array;
  widthPx: number;
  heightPx: number;
}

async function rasterise(svg: string): Promise<Raster> {
  const { data, info } = await sharp(Buffer.from(svg))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), widthPx: info.width, heightPx: info.height };
}

interface Box {
  left: number;
  top: number;
  widthPx: number;
  heightPx: number;
}

/**
 * The smallest box holding every pixel of `raster` that is not clear (null when none
 * is): the title's box spans the frame, its text a part of it, and each frame blends
 * the whole box.
 */
export function visibleBox(raster: Raster): Box | null {
  let left = raster.widthPx;
  let right = -1;
  let top = raster.heightPx;
  let bottom = -1;
  for (let y = 0; y < raster.heightPx; y++) {
    for (let x = 0; x < raster.widthPx; x++) {
      if ((raster.data[(y * raster.widthPx + x) * 4 + 3] ?? 0) === 0) continue;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  if (right < 0) return null;
  return { left, top, widthPx: right - left + 1, heightPx: bottom - top + 1 };
}

function crop(raster: Raster, box: Box): Uint8Array {
  const out = new Uint8Array(box.widthPx * box.heightPx * 4);
  for (let row = 0; row < box.heightPx; row++) {
    const from = ((box.top + row) * raster.widthPx + box.left) * 4;
    out.set(raster.data.subarray(from, from + box.widthPx * 4), row * box.widthPx * 4);
  }
  return out;
}

export async function createOverlayLayer(
  regl: createREGL.Regl,
  scene: Scene,
): Promise<OverlayLayer> {
  const { overlays, palette, output } = scene;
  const scale = overlays.size * (output.height / 720);
  const margin = Math.round(28 * scale);
  const colors: OverlayColors = {
    text: palette.hud ?? '#f4efe6',
    curve: palette.curve,
    segment: palette.segment,
  };
  const top = overlays.position.startsWith('top');
  const right = overlays.position.endsWith('right');
  const result: OverlayImage[] = [];

  if (overlays.title || overlays.subtitle) {
    const widthPx = Math.max(16, output.width - 2 * margin);
    const { svg } = titleSvg(overlays.title, overlays.subtitle, colors, scale, widthPx);
    const raster = await rasterise(svg);
    // The title takes the edge the HUD does not.
    const y = top ? output.height - margin - raster.heightPx : margin - 6 * scale;
    const box = visibleBox(raster);
    if (box) {
      result.push({
        texture: regl.texture({
          width: box.widthPx,
          height: box.heightPx,
          data: crop(raster, box),
        }),
        rect: [margin + box.left, y + box.top, box.widthPx, box.heightPx],
        opacity: overlays.opacity,
      });
    }
  }

  if (!overlays.hud) return { images: () => Promise.resolve(result) };
  const hud = regl.texture({ width: 1, height: 1, data: new Uint8Array(4) });
  const widthPx = Math.ceil(hudSizePx.width * scale);
  const heightPx = Math.ceil(hudSizePx.height * scale);
  const hudImage: OverlayImage = {
    texture: hud,
    rect: [
      right ? output.width - margin - widthPx : margin,
      top ? margin : output.height - margin - heightPx,
      widthPx,
      heightPx,
    ],
    opacity: overlays.opacity,
  };
  let shown = '';
  return {
    async images(frame) {
      const svg = hudSvg(frame, colors, scale);
      if (svg !== shown) {
        const raster = await rasterise(svg);
        hud({ width: raster.widthPx, height: raster.heightPx, data: raster.data });
        hudImage.rect[2] = raster.widthPx;
        hudImage.rect[3] = raster.heightPx;
        shown = svg;
      }
      return [...result, hudImage];
    },
  };
}
