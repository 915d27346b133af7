/**
 * The background as a GLSL function of the fragment position: a dusk gradient, a
 * low sun with its glow above the wings (Icarus flies toward it) and a vignette.
 * Uniforms: bgTop, bgBottom, haloColor (vec3), viewport (vec2, pixels).
 */
export const backdropGlsl = `
uniform vec3 bgTop;
uniform vec3 bgBottom;
uniform vec3 haloColor;
uniform vec2 viewport;

vec3 backdrop(vec2 fragCoord) {
  vec2 uv = fragCoord / viewport;
  vec3 color = mix(bgBottom, bgTop, smoothstep(0.0, 1.0, uv.y));
  vec2 d = (uv - vec2(0.5, 0.82)) * vec2(viewport.x / viewport.y, 1.0);
  float r = length(d);
  color += haloColor * (0.2 * exp(-r * r * 12.0) + 0.06 * exp(-r * 2.0));
  color += haloColor * 0.5 * exp(-r * r * 260.0);
  color += mix(haloColor, vec3(1.0), 0.7) * smoothstep(0.03, 0.022, r);
  float vignette = smoothstep(1.15, 0.25, length((uv - 0.5) * vec2(1.35, 1.0)));
  return color * mix(0.7, 1.0, vignette);
}
`;
