/**
 * One triangle that covers the whole viewport, for passes that shade every pixel
 * (backdrop, downsampling): bind `fullFrameCorners` to the `corner` attribute.
 */
export const fullFrameCorners = [-1, -1, 3, -1, -1, 3];

export const fullFrameVert = `
  precision highp float;
  attribute vec2 corner;
  void main() { gl_Position = vec4(corner, 0.0, 1.0); }`;
