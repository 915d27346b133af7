/**
 * Types for the `gl` package (headless-gl), which ships none: only what Icarus uses.
 * The context is WebGL 1 through ANGLE; `antialias` is ignored by the package.
 */
declare module 'gl' {
  export interface HeadlessGl {
    readonly drawingBufferWidth: number;
    readonly drawingBufferHeight: number;
    readonly NO_ERROR: number;
    readonly RENDERER: number;
    readonly VERSION: number;
    readonly MAX_RENDERBUFFER_SIZE: number;
    readonly MAX_TEXTURE_SIZE: number;
    getError(): number;
    getParameter(name: number): unknown;
    getSupportedExtensions(): string[] | null;
    getExtension(name: 'STACKGL_destroy_context'): { destroy(): void } | null;
    getExtension(
      name: 'STACKGL_resize_drawingbuffer',
    ): { resize(width: number, height: number): void } | null;
    getExtension(name: string): unknown;
  }

  export interface HeadlessGlOptions {
    alpha?: boolean;
    depth?: boolean;
    stencil?: boolean;
    premultipliedAlpha?: boolean;
    preserveDrawingBuffer?: boolean;
  }

  /** Returns null when no context can be made (e.g. no X display). */
  export default function createGL(
    width: number,
    height: number,
    options?: HeadlessGlOptions,
  ): HeadlessGl | null;
}
