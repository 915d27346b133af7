/**
 * Draws frames of a scene: creates the GL context (and the display it needs), builds
 * the membrane once, and draws any time of the video on request. Same scene, same
 * bundle and same time give the same frame.
 */
import { createHeadlessContext, type HeadlessContext } from '../gl/headless-context.js';
import { createSupersampler } from '../gl/supersampler.js';
import { type LandscapeBundle } from '../landscape/manifest.js';
import { logger } from '../log/logger.js';
import { type Scene } from '../scene/load-scene.js';
import { hexToRgb } from '../scene/palettes.js';
import { cameraAt } from './camera-path.js';
import { createCurveTimeline } from './curve-timeline.js';
import { createBackdrop } from './draw-backdrop.js';
import { createLightmap } from './draw-lightmap.js';
import { createDrawMembrane } from './draw-membrane.js';
import { createDrawSparks } from './draw-sparks.js';
import { frameGeometry } from './frame-geometry.js';
import { createPathLayer } from './path-layer.js';
import { createRampTexture } from './ramp-texture.js';
import { createSurfaceField, defaultClip } from './surface-field.js';
import { buildWingMesh } from './wing-mesh.js';

const log = logger('render');

/** Points each curve is resampled to, in t. */
const curveSamples = 161;

export interface FrameRenderer {
  widthPx: number;
  heightPx: number;
  /** The frame at `timeSeconds`: RGBA, top row first, a new array each call. */
  render(timeSeconds: number): Uint8Array;
  /** Frees the GL context. */
  destroy(): void;
}

export async function createFrameRenderer(
  scene: Scene,
  bundle: LandscapeBundle,
): Promise<FrameRenderer> {
  const context = await createHeadlessContext(scene.output.width, scene.output.height);
  try {
    return build(scene, bundle, context);
  } catch (error) {
    context.destroy();
    throw error;
  }
}

function build(
  scene: Scene,
  bundle: LandscapeBundle,
  context: HeadlessContext,
): FrameRenderer {
  const { regl } = context;
  const { width, height, supersample } = scene.output;
  const { palette } = scene;
  const metric = scene.surface.metric;
  warnIfNoPathValues(scene);

  const field = createSurfaceField(bundle, {
    metric,
    clip: scene.surface.clip ?? defaultClip(metric),
    heightScale: scene.surface.heightScale,
  });
  const mesh = buildWingMesh(field, scene.surface.resolution);
  log.debug(
    `membrane: ${mesh.levels.length} vertices, ${mesh.elements.length / 3} triangles`,
  );
  const timeline = createCurveTimeline(bundle.manifest, metric, curveSamples);

  const supersampler = createSupersampler(regl, width, height, supersample);
  const lightmap = createLightmap(regl, field);
  const backdrop = createBackdrop(
    regl,
    palette,
    width * supersample,
    height * supersample,
  );
  const drawMembrane = createDrawMembrane(regl, mesh, {
    palette,
    ramp: createRampTexture(regl, palette.ramp),
    backdrop: backdrop.texture,
    field,
    contours: scene.surface.contours,
    feathers: scene.surface.feathers,
  });
  const drawSparks = createDrawSparks(regl, {
    count: scene.sparks,
    seed: scene.seed,
    color: hexToRgb(palette.sparks),
    pixelScale: supersample,
    extent: [field.xMax + 0.3, 1.1, field.zMax + 0.2],
  });
  const paths = createPathLayer(regl, scene);
  const target: [number, number, number] = [0, field.heightScale * 0.3, 0];

  const render = (timeSeconds: number): Uint8Array => {
    const frame = frameGeometry(scene, bundle.manifest, field, timeline, timeSeconds);
    const { durationSeconds } = scene.output;
    const camera = cameraAt(
      scene.camera,
      timeSeconds,
      durationSeconds,
      width / height,
      target,
    );
    lightmap.draw(paths.lightStrokes(frame));
    supersampler.framebuffer.use(() => {
      regl.clear({ color: [0, 0, 0, 1], depth: 1 });
      backdrop.draw();
      drawMembrane({ ...camera, lightmap: lightmap.framebuffer });
      paths.draw(frame, camera, timeSeconds);
      drawSparks({ viewProjection: camera.viewProjection, timeSeconds });
    });
    return supersampler.resolve();
  };

  return { widthPx: width, heightPx: height, render, destroy: () => context.destroy() };
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
