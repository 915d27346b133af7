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
];

export interface HeadlessContext {
  gl: HeadlessGl;
  regl: createREGL.Regl;
  /** Destroys regl and the GL context (a private X server stays up until exit). */
  destroy(): void;
}

/** Creates a context whose default framebuffer is `width` x `height` RGBA. */
export async function createHeadlessContext(
  width: number,
  height: number,
): Promise<HeadlessContext> {
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
  return wrap(gl);
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

function wrap(gl: HeadlessGl): HeadlessContext {
  let regl: createREGL.Regl;
  try {
    regl = createREGL({ gl: gl as never, extensions: requiredExtensions });
  } catch (error) {
    destroyGl(gl);
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
      destroyGl(gl);
    },
  };
}

function destroyGl(gl: HeadlessGl): void {
  gl.getExtension('STACKGL_destroy_context')?.destroy();
}
