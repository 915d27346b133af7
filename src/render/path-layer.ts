/**
 * The paths of a frame: the curve and its mirror as glowing tubes, the segment as a
 * fainter one, spheres at the endpoints and the bend, the flyer travelling along the
 * curve, and the light all of them cast (on the membrane through the light map, and
 * as halos in front).
 */
import type createREGL from 'regl';
import { type Point2 } from '../landscape/manifest.js';
import { type Scene } from '../scene/load-scene.js';
import { hexToRgb } from '../scene/palettes.js';
import { type CameraView } from './camera-path.js';
import { createDrawEmissive, type EmissiveProps } from './draw-emissive.js';
import { createDrawGlow } from './draw-glow.js';
import { createDrawHalos } from './draw-halos.js';
import { type LightStroke } from './draw-lightmap.js';
import { type FrameGeometry } from './frame-geometry.js';
import { buildRibbon } from './screen-ribbon.js';
import { buildSphere } from './sphere-mesh.js';
import { buildTube } from './tube-mesh.js';

/** Sizes are in tube radii or output pixels at 720p; strengths are 0-1 gains. */
const look = {
  segmentRadius: 0.55,
  endpointRadius: 2.6,
  bendRadius: 1.9,
  tubeSides: 14,
  segmentSides: 10,
  pulse: 0.8,
  hiddenBrightness: 0.3,
  curveGlowPx: 16,
  curveGlow: 0.32,
  segmentGlowPx: 7,
  segmentGlow: 0.1,
  endpointHaloPx: 26,
  bendHaloPx: 18,
  endpointHalo: 0.6,
  bendHalo: 0.5,
  flyerRadius: 1.5,
  flyerHaloPx: 46,
  flyerHalo: 1.3,
  curveLight: { intensity: 0.42, radius: 0.06 },
  segmentLight: { intensity: 0.1, radius: 0.035 },
  endpointLight: { intensity: 0.35, radius: 0.1 },
};

export interface PathLayer {
  /** What the paths shine onto the membrane (for the light map). */
  lightStrokes(frame: FrameGeometry): LightStroke[];
  /** Draws tubes, spheres, glows and halos into the bound framebuffer. */
  draw(frame: FrameGeometry, camera: CameraView, timeSeconds: number): void;
}

/** The flyer's colour: the palette's, or the curve colour taken most of the way to white. */
export function flyerColor(palette: Scene['palette']): [number, number, number] {
  if (palette.flyer) return hexToRgb(palette.flyer);
  return hexToRgb(palette.curve).map((c) => c + (1 - c) * 0.65) as [
    number,
    number,
    number,
  ];
}

export function createPathLayer(regl: createREGL.Regl, scene: Scene): PathLayer {
  const drawEmissive = createDrawEmissive(regl);
  const drawGlow = createDrawGlow(regl);
  const drawHalos = createDrawHalos(regl);
  const { palette } = scene;
  const colors = {
    curve: hexToRgb(palette.curve),
    segment: hexToRgb(palette.segment),
    endpoints: hexToRgb(palette.endpoints),
    bend: hexToRgb(palette.bend),
    flyer: flyerColor(palette),
  };
  const { radius, glow } = scene.path;
  const segmentBrightness = scene.path.segment;
  const flyerBrightness = scene.path.flyer;
  // Framebuffer pixels per 720p output pixel.
  const px = scene.output.supersample * (scene.output.height / 720);
  const flat = (points: FrameGeometry['curve']): Point2[] =>
    points.map((p) => [p[0], p[2]]);
  // The curve's tubes take every other point (80 chords): llvmpipe's cost is in
  // setting up their many thin triangles, and 1080p stills changed only where a tube
  // meets the membrane.
  const chords = (points: FrameGeometry['curve']): FrameGeometry['curve'] =>
    points.filter((_, i) => i % 2 === 0 || i === points.length - 1);

  return {
    lightStrokes(frame) {
      const mirror = frame.mirror.length ? scene.path.mirror : 0;
      const curve = { ...look.curveLight, color: colors.curve };
      const endpoint = { ...look.endpointLight, color: colors.endpoints };
      return [
        {
          ...look.segmentLight,
          intensity: look.segmentLight.intensity * segmentBrightness * 1.8,
          color: colors.segment,
          points: flat(frame.segment),
        },
        { ...curve, intensity: curve.intensity * glow, points: flat(frame.curve) },
        ...(mirror > 0
          ? [
              {
                ...curve,
                intensity: curve.intensity * glow * mirror,
                points: flat(frame.mirror),
              },
            ]
          : []),
        { ...endpoint, points: flat([frame.w1]) },
        { ...endpoint, points: flat([frame.w2]) },
        // The flyer lights the membrane around it; the disc's falloff reaches about
        // a third of its radius, so the radius is a few times path.flyerReach.
        ...(flyerBrightness > 0
          ? [
              {
                points: flat([frame.flyer.position]),
                color: colors.flyer,
                intensity: 0.5 * flyerBrightness,
                radius: 2.5 * scene.path.flyerReach,
              },
            ]
          : []),
      ];
    },

    draw(frame, camera, timeSeconds) {
      const mirror = frame.mirror.length ? scene.path.mirror : 0;
      const solid = (
        color: EmissiveProps['color'],
        intensity: number,
        pulse = 0,
        hidden = false,
      ): EmissiveProps => ({ ...camera, color, intensity, pulse, timeSeconds, hidden });
      const segment = buildTube(
        frame.segment,
        radius * look.segmentRadius,
        look.segmentSides,
      );
      const curve = buildTube(chords(frame.curve), radius, look.tubeSides);
      const mirrored =
        mirror > 0 ? buildTube(chords(frame.mirror), radius, look.tubeSides) : null;
      const hidden = look.hiddenBrightness;

      // Hidden parts first, tested against the membrane alone.
      drawEmissive(curve, solid(colors.curve, hidden, 0, true));
      if (mirrored)
        drawEmissive(mirrored, solid(colors.curve, hidden * mirror, 0, true));
      if (segmentBrightness > 0) {
        drawEmissive(
          segment,
          solid(colors.segment, hidden * segmentBrightness, 0, true),
        );
        drawEmissive(segment, solid(colors.segment, segmentBrightness));
      }
      drawEmissive(curve, solid(colors.curve, 1, look.pulse));
      if (mirrored)
        drawEmissive(mirrored, solid(colors.curve, mirror, look.pulse * mirror));
      if (flyerBrightness > 0) {
        drawEmissive(
          buildSphere(frame.flyer.position, radius * look.flyerRadius),
          solid(colors.flyer, 1.6),
        );
      }
      for (const w of [frame.w1, frame.w2]) {
        drawEmissive(
          buildSphere(w, radius * look.endpointRadius),
          solid(colors.endpoints, 1),
        );
      }
      drawEmissive(
        buildSphere(frame.bend, radius * look.bendRadius),
        solid(colors.bend, 1),
      );
      if (mirror > 0) {
        drawEmissive(
          buildSphere(frame.bendMirror, radius * look.bendRadius),
          solid(colors.bend, mirror),
        );
      }

      const viewProjection = camera.viewProjection;
      const ribbon = (
        color: EmissiveProps['color'],
        intensity: number,
        widthPx: number,
      ) => ({
        viewProjection,
        color,
        intensity: intensity * glow,
        widthPx: widthPx * px,
      });
      if (segmentBrightness > 0) {
        drawGlow(
          buildRibbon(frame.segment),
          ribbon(
            colors.segment,
            (look.segmentGlow * segmentBrightness) / 0.55,
            look.segmentGlowPx,
          ),
        );
      }
      drawGlow(
        buildRibbon(frame.curve),
        ribbon(colors.curve, look.curveGlow, look.curveGlowPx),
      );
      if (mirror > 0) {
        drawGlow(
          buildRibbon(frame.mirror),
          ribbon(colors.curve, look.curveGlow * mirror, look.curveGlowPx),
        );
      }
      const halo = (
        center: FrameGeometry['w1'],
        color: EmissiveProps['color'],
        r: number,
        i: number,
      ) => ({
        center,
        color,
        radiusPx: r * px,
        intensity: i * glow,
      });
      drawHalos(
        [
          halo(frame.w1, colors.endpoints, look.endpointHaloPx, look.endpointHalo),
          halo(frame.w2, colors.endpoints, look.endpointHaloPx, look.endpointHalo),
          halo(frame.bend, colors.bend, look.bendHaloPx, look.bendHalo),
          halo(frame.bendMirror, colors.bend, look.bendHaloPx, look.bendHalo * mirror),
          halo(
            frame.flyer.position,
            colors.flyer,
            look.flyerHaloPx,
            look.flyerHalo * flyerBrightness,
          ),
        ].filter((h) => h.intensity > 0),
        viewProjection,
      );
    },
  };
}
