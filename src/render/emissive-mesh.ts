/** Triangles drawn as glowing solids (tubes and marker spheres) by `draw-emissive`. */
export interface EmissiveMesh {
  positions: Float32Array;
  normals: Float32Array;
  /** 0-1 along a path (the light pulse travels along it); 0 on spheres. */
  along: Float32Array;
  elements: Uint32Array;
}
