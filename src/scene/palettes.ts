/**
 * Built-in palettes. A palette colours the whole picture: the ramp on the membrane
 * (first stop = lowest loss), the background gradient, the curve, the segment and the
 * markers. A scene picks one by name and may override any of its colours.
 */

/** A colour as `#rrggbb`. */
export type Hex = string;

export interface Palette {
  /** Membrane colours from lowest to highest loss, evenly spaced; two or more. */
  ramp: Hex[];
  /** Background gradient, top of the frame to bottom. */
  background: [Hex, Hex];
  /** The sun-like glow behind the wings, drawn on the background. */
  halo: Hex;
  /** The trained curve: tube, glow and the light it casts on the membrane. */
  curve: Hex;
  /** The straight segment, drawn fainter. */
  segment: Hex;
  /** The endpoints w1 and w2. */
  endpoints: Hex;
  /** The bend (the curve's middle control point). */
  bend: Hex;
  /** Key light (warm) and rim light (cool). */
  key: Hex;
  rim: Hex;
  /** Drifting sparks. */
  sparks: Hex;
  /** The flyer, the light travelling along the curve; default a whiter curve colour. */
  flyer?: Hex;
  /** Title and HUD text; default near white. */
  hud?: Hex;
  /** Fog, the colour distant parts fade to; default the bottom background colour. */
  fog?: Hex;
}

export const palettes = {
  /** Wax and sun: cream and gold valleys over a violet dusk. */
  ember: {
    ramp: ['#ffe7b0', '#ffc768', '#ff9342', '#e24d3a', '#9e2a5e', '#461a5c', '#150e30'],
    background: ['#05060f', '#1a1030'],
    halo: '#ff8a3d',
    curve: '#5ff4ff',
    segment: '#c9b8ff',
    endpoints: '#ffffff',
    bend: '#8ef9ff',
    key: '#fff0dc',
    rim: '#7a8cff',
    sparks: '#ffb35c',
  },
  /** Polar night: green and teal valleys, a magenta curve. */
  aurora: {
    ramp: ['#eafff4', '#9dffc9', '#3fe0b0', '#1b9aa6', '#1c5a86', '#1b2b5a', '#0a0f24'],
    background: ['#02040a', '#081a26'],
    halo: '#3fe0b0',
    curve: '#ff5fd2',
    segment: '#b7d8ff',
    endpoints: '#ffffff',
    bend: '#ff9be6',
    key: '#e8fff6',
    rim: '#ff7ad9',
    sparks: '#9dffc9',
  },
  /** Glacier: white and blue valleys, an orange curve. */
  ice: {
    ramp: ['#ffffff', '#d4ecff', '#8cc4ff', '#4a86e8', '#2a4fa8', '#1a2866', '#0a0e26'],
    background: ['#03050c', '#101a33'],
    halo: '#8cc4ff',
    curve: '#ff9a3c',
    segment: '#ffe0b8',
    endpoints: '#ffffff',
    bend: '#ffc27a',
    key: '#f2f7ff',
    rim: '#ffb070',
    sparks: '#d4ecff',
  },
} satisfies Record<string, Palette>;

export type PaletteName = keyof typeof palettes;

export const paletteNames = Object.keys(palettes) as PaletteName[];

/** `#rrggbb` as [r, g, b] in 0-1. */
export function hexToRgb(hex: Hex): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}
