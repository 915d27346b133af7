/**
 * Draws frames of a scene: creates the GL context (and the display it needs), builds
 * the membrane once, and draws any time of the video on request. Same scene, same
 * bundle and same time give the same frame (the film grain is seeded by the scene's
 * seed and the frame index).
 */
import {
  createHeadlessContext,
  type GlSurface,
  type HeadlessContext,
} from '../gl/headless-context.js';
import { createSupersampler } from '../gl/supersampler.js';
import { type LandscapeBundle } from '../landscape/manifest.js';
import { logger } from '../log/logger.js';
import { type Scene } from '../scene/load-scene.js';
import { distance, type Vec3 } from '../gl/mat4.js';
import { hexToRgb } from '../scene/palettes.js';
import { cameraAt } from './camera-path.js';
import { createCurveTimeline } from './curve-timeline.js';
import { createBackdrop } from './draw-backdrop.js';
import { createLightmap } from './draw-lightmap.js';
import { createDrawMembrane } from './draw-membrane.js';
import { fieldTexelsPerUnit } from './field-texture.js';
import { createDrawSparks } from './draw-sparks.js';
import { frameGeometry } from './frame-geometry.js';
import { traceFlowStrokes } from './flow-strokes.js';
import { createOverlayLayer } from './overlay-layer.js';
import { createPathLayer } from './path-layer.js';
import { createSurfaceField, defaultClip } from './surface-field.js';
import { buildWingMesh } from './wing-mesh.js';

const log = logger('render');

/** Points each curve is resampled to, in t. */
const curveSamples = 161;

export interface FrameRenderer {
  widthPx: number;
  heightPx: number;
  /**
   * The frame at `timeSeconds`: RGBA, top row first (straight alpha, 255 unless the
   * scene is transparent), drawn into `into` (widthPx x heightPx x 4 bytes) or else a
   * new array. A video reuses a few arrays: a new 8 MB array a frame at 1080p kept
   * V8's collector busy for a tenth of the frame's CPU time. Frames are drawn one at
   * a time: await each before asking for the next.
   */
  render(timeSeconds: number, into?: Uint8Array): Promise<Uint8Array>;
  /** The first GL error seen (gl.getError() when asked); 0 when none. */
  glError(): number;
  /** GL_RENDERER and GL_VERSION of the context (for the sidecar). */
  glStrings: { glRenderer: string; glVersion: string };
  /** Frees the GL resources (and the GL context, unless it was lent). */
  destroy(): void;
}

/**
 * With `surface`, draws on that GL context (a batch worker's, kept across jobs) and
 * `destroy` frees this renderer's resources but leaves the context alive.
 */
export async function createFrameRenderer(
  scene: Scene,
  bundle: LandscapeBundle,
  surface?: GlSurface,
): Promise<FrameRenderer> {
  const context = await createHeadlessContext(
    scene.output.width,
    scene.output.height,
    surface,
  );
  try {
    return await build(scene, bundle, context);
  } catch (error) {
    context.destroy();
    throw error;
  }
}

/** `output.transparent`, added to the output section by the scene helper; off before. */
export function isTransparent(scene: Scene): boolean {
  return (scene.output as { transparent?: boolean }).transparent === true;
}

async function build(
  scene: Scene,
  bundle: LandscapeBundle,
  context: HeadlessContext,
): Promise<FrameRenderer> {
  const { regl, gl } = context;
  const { width, height, supersample, fps } = scene.output;
  const { palette, surface, post } = scene;
  const metric = surface.metric;
  const transparent = isTransparent(scene);
  warnIfNoPathValues(scene);

  const field = createSurfaceField(bundle, {
    metric,
    clip: surface.clip ?? defaultClip(metric),
    heightScale: surface.heightScale,
    invert: surface.invert,
    mirror: surface.mirror,
    ...(surface.threshold !== undefined ? { threshold: surface.threshold } : {}),
    contours: surface.contours,
  });
  const mesh = buildWingMesh(field, scene.surface.resolution);
  log.debug(
    `membrane: ${mesh.levels.length} vertices, ${mesh.elements.length / 3} triangles`,
  );
  const timeline = createCurveTimeline(bundle.manifest, metric, curveSamples);

  const supersampler = createSupersampler(regl, width, height, supersample, {
    ...post,
    transparent,
    underlay: transparent ? null : createBackdrop(regl, palette, width, height),
  });
  const lightmap = createLightmap(regl, field, traceFlowStrokes(field, scene.seed));
  const drawMembrane = createDrawMembrane(regl, mesh, {
    palette,
    field,
    texelsPerUnit: fieldTexelsPerUnit(scene.surface.resolution),
    edge: surface.edge,
    bands: surface.contours > 0 ? surface.bands : 0,
    feathers: surface.feathers,
    flowStrength: surface.flow,
    fogColor: hexToRgb(palette.fog ?? palette.background[1]),
    fog: post.fog,
  });
  const drawSparks = createDrawSparks(regl, {
    count: scene.sparks,
    seed: scene.seed,
    color: hexToRgb(palette.sparks),
    pixelScale: supersample,
    extent: [field.xMax + 0.3, 1.1, field.zMax + 0.2],
  });
  const paths = createPathLayer(regl, scene);
  const overlays = await createOverlayLayer(regl, scene);
  const center: Vec3 = [0, field.heightScale * 0.3, field.mirror ? 0 : 0.3];
  // The valley floor shows even when the timeline's threshold track is at 0.
  const floorLevel = Math.min(0.06, field.thresholdLevel);
  let glError = 0;

  const render = async (
    timeSeconds: number,
    into?: Uint8Array,
  ): Promise<Uint8Array> => {
    const frame = frameGeometry(scene, bundle.manifest, field, timeline, timeSeconds);
    const bend = frame.trainedCurve[Math.floor(frame.trainedCurve.length / 2)];
    const camera = cameraAt(scene.camera, frame.sample.camera, width / height, {
      center,
      valley: bend ?? center,
      trainedCurve: frame.trainedCurve,
      flyer: frame.flyer,
    });
    const reach = distance(camera.eye, center);
    // sharp rasterises the HUD on its own threads while the scene is drawn here.
    const images = overlays.images(frame);
    lightmap.draw(paths.lightStrokes(frame));
    supersampler.framebuffer.use(() => {
      // Clear to nothing: the finishing pass lays the frame over the background.
      regl.clear({ color: [0, 0, 0, 0], depth: 1 });
      drawMembrane({
        ...camera,
        lightmap: lightmap.framebuffer,
        threshold:
          floorLevel + (field.thresholdLevel - floorLevel) * frame.sample.threshold,
        fogRange: [reach * 0.55, reach * 1.6],
      });
      paths.draw(frame, camera, timeSeconds);
      drawSparks({ viewProjection: camera.viewProjection, timeSeconds });
    });
    return supersampler.resolve(
      {
        grainSeed: scene.seed * 100003 + Math.round(timeSeconds * fps),
        overlays: await images,
      },
      into,
    );
  };

  return {
    widthPx: width,
    heightPx: height,
    render,
    // Asked for, not polled per frame: getError can stall the pipeline.
    glError: () => (glError ||= gl.getError()),
    glStrings: {
      glRenderer: String(gl.getParameter(gl.RENDERER)),
      glVersion: String(gl.getParameter(gl.VERSION)),
    },
    destroy: () => context.destroy(),
  };
}

function warnIfNoPathValues(scene: Scene): void {
  const metric = scene.surface.metric;
  if (
    scene.path.height === 'loss' &&
    metric !== 'trainLoss' &&
    metric !== 'testError'
  ) {
    log.warn(
      `${scene.file}: path.height 'loss' needs the snapshots' ${metric}, which bundles ` +
        `do not store; the curve follows the surface instead`,
    );
  }
}
