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

interface Raster {
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
    result.push({
      texture: regl.texture({
        width: raster.widthPx,
        height: raster.heightPx,
        data: raster.data,
      }),
      rect: [margin, y, raster.widthPx, raster.heightPx],
      opacity: overlays.opacity,
    });
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
