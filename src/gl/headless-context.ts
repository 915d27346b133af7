/**
 * A headless WebGL 1 context (headless-gl, ANGLE on Mesa) wrapped in regl. The X
 * display is arranged first: an existing `DISPLAY`, else a private Xvfb; when a
 * context cannot be made on the given display, a private Xvfb is started and the
 * context tried once more. Limit: WebGL 1 only; `antialias` is ignored (see
 * `supersampler.ts`).
 */
import { type HeadlessGl } from 'gl';
import createREGL from 'regl';
import { IcarusError } from '../config/errors.js';
import { ensureDisplay } from '../display/ensure-display.js';
import { logger } from '../log/logger.js';

const log = logger('gl');

export const requiredExtensions = [
  'OES_element_index_uint',
  'OES_standard_derivatives',
  'OES_texture_float',
  'OES_texture_float_linear',
];

export interface HeadlessContext {
  gl: HeadlessGl;
  regl: createREGL.Regl;
  /**
   * Destroys regl, and the GL context unless it was lent (a private X server stays
   * up until exit).
   */
  destroy(): void;
}

/**
 * A GL context kept across renders (a batch worker's): each render resizes it and
 * wraps it in a regl of its own, whose destroy frees that render's resources only.
 */
export interface GlSurface {
  gl: HeadlessGl;
  /** Destroys the GL context; the surface cannot be used after. */
  destroy(): void;
}

/** Creates a GL context to lend to renders with `createHeadlessContext`. */
export async function createGlSurface(width = 16, height = 16): Promise<GlSurface> {
  const gl = await createCheckedGl(width, height);
  let destroyed = false;
  return {
    gl,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      destroyGl(gl);
    },
  };
}

/**
 * Creates a context whose default framebuffer is `width` x `height` RGBA; with
 * `surface`, resizes and wraps that GL context instead of making one, and leaves it
 * alive on destroy.
 */
export async function createHeadlessContext(
  width: number,
  height: number,
  surface?: GlSurface,
): Promise<HeadlessContext> {
  if (surface) {
    const resize = surface.gl.getExtension('STACKGL_resize_drawingbuffer');
    if (!resize)
      throw new IcarusError('the GL context cannot be resized (headless-gl)');
    resize.resize(width, height);
    return wrap(surface.gl, false);
  }
  return wrap(await createCheckedGl(width, height), true);
}

async function createCheckedGl(width: number, height: number): Promise<HeadlessGl> {
  let display = await ensureDisplay();
  let gl = await createGl(width, height);
  if (!gl && !display.owned) {
    log.warn(`no GL context on DISPLAY=${display.display}; starting a private Xvfb`);
    display = await ensureDisplay(true);
    gl = await createGl(width, height);
  }
  if (!gl) {
    throw new IcarusError(
      `cannot create a WebGL context on display ${display.display}`,
      'check that Mesa (libgl1-mesa-dri) is installed, or run `npm run setup`',
    );
  }
  log.debug(
    `${String(gl.getParameter(gl.RENDERER))} ${String(gl.getParameter(gl.VERSION))}`,
  );
  return gl;
}

/**
 * Loads `gl` only now, after `DISPLAY` is set: the native module reads the display
 * when the first context is made.
 */
async function createGl(width: number, height: number): Promise<HeadlessGl | null> {
  const { default: createGL } = await import('gl');
  return createGL(width, height, {
    alpha: true,
    depth: true,
    stencil: false,
    premultipliedAlpha: false,
    preserveDrawingBuffer: true,
  });
}

function wrap(gl: HeadlessGl, owned: boolean): HeadlessContext {
  let regl: createREGL.Regl;
  try {
    regl = createREGL({ gl: gl as never, extensions: requiredExtensions });
  } catch (error) {
    if (owned) destroyGl(gl);
    throw new IcarusError(`regl cannot use the GL context: ${String(error)}`);
  }
  let destroyed = false;
  return {
    gl,
    regl,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      regl.destroy();
      if (owned) destroyGl(gl);
    },
  };
}

function destroyGl(gl: HeadlessGl): void {
  gl.getExtension('STACKGL_destroy_context')?.destroy();
}
