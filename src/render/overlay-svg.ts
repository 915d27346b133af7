/**
 * The overlays as SVG, drawn by sharp (librsvg) in DejaVu Sans: the title block and
 * the HUD panel. Numbers are rounded to what is printed, so equal text gives equal
 * SVG and the rasterised panel can be reused while nothing visible changes.
 */
import { type FrameGeometry } from './frame-geometry.js';

export interface OverlayColors {
  text: string;
  curve: string;
  segment: string;
}

/** Sizes at 720p; `scale` multiplies them all. */
export const hudSizePx = { width: 336, height: 128 };

const font = `font-family="DejaVu Sans, sans-serif"`;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Approximate DejaVu Sans advances in em: sharp cannot measure text before drawing
 * it, so this estimate decides when a line must be squeezed. It errs on the wide side.
 */
function advanceEm(c: string): number {
  if (c === ' ') return 0.32;
  if (/[A-Z0-9]/.test(c)) return 0.72;
  if (/[a-z]/.test(c)) return 0.6;
  return 0.4;
}

/**
 * The font size that fits a line into `availablePx` by the estimate above: the line's
 * own size when it fits, smaller when not (a long title would otherwise be cut at the
 * frame's edge). librsvg, which draws the SVG, ignores `textLength`, hence the size.
 */
function fittedPx(
  text: string,
  fontPx: number,
  spacingEm: number,
  availablePx: number,
): number {
  const estimateEm = [...text].reduce((sum, c) => sum + advanceEm(c) + spacingEm, 0);
  return Math.min(fontPx, availablePx / Math.max(estimateEm, 1e-6));
}

/** The title and subtitle, left-aligned, in a box `widthPx` wide. */
export function titleSvg(
  title: string,
  subtitle: string,
  colors: OverlayColors,
  scale: number,
  widthPx: number,
): { svg: string; heightPx: number } {
  // A squeezed line's letter spacing shrinks with its size (0.1 and 0.04 em).
  const titlePx = fittedPx(title, 30 * scale, 0.1, widthPx - 4 * scale);
  const subtitlePx = fittedPx(subtitle, 15 * scale, 0.04, widthPx - 6 * scale);
  const titleSpacing = 3 * scale * (titlePx / (30 * scale));
  const subtitleSpacing = 0.6 * scale * (subtitlePx / (15 * scale));
  const heightPx = Math.ceil((subtitle ? 76 : 48) * scale);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${heightPx}">` +
    `<text x="${2 * scale}" y="${36 * scale}" ${font} font-size="${titlePx}" ` +
    `font-weight="300" letter-spacing="${titleSpacing}" fill="${colors.text}">` +
    `${escapeXml(title)}</text>` +
    (subtitle
      ? `<text x="${3 * scale}" y="${63 * scale}" ${font} font-size="${subtitlePx}" ` +
        `letter-spacing="${subtitleSpacing}" fill="${colors.text}" fill-opacity="0.72">` +
        `${escapeXml(subtitle)}</text>`
      : '') +
    `</svg>`;
  return { svg, heightPx };
}

/**
 * The HUD: epoch of the shown curve, the flyer's t, its train loss and test accuracy,
 * the segment's accuracy at the same t, and a sparkline of accuracy along t (curve
 * against segment) with a marker at the flyer.
 */
export function hudSvg(
  frame: FrameGeometry,
  colors: OverlayColors,
  scale: number,
): string {
  const w = hudSizePx.width * scale;
  const h = hudSizePx.height * scale;
  const { flyer } = frame;
  const s = (v: number) => (v * scale).toFixed(1);
  const text = (x: number, y: number, size: number, body: string, extra = '') =>
    `<text x="${s(x)}" y="${s(y)}" ${font} font-size="${s(size)}" ${extra}>${body}</text>`;

  // Sparkline box, from a little under the lowest accuracy shown to 100%.
  const box = { x: 14, y: 80, width: hudSizePx.width - 28, height: 36 };
  const all = [...frame.accuracy.curve, ...frame.accuracy.segment];
  const floor = Math.max(0, Math.floor(Math.min(...all) / 5) * 5 - 5);
  const yOf = (accuracy: number) =>
    box.y +
    box.height * (1 - Math.min(Math.max((accuracy - floor) / (100 - floor), 0), 1));
  const line = (values: number[]) =>
    values
      .map((v, i) => `${s(box.x + (box.width * i) / (values.length - 1))},${s(yOf(v))}`)
      .join(' ');
  const thin = (values: number[]) =>
    values.filter((_, i) => i % 4 === 0 || i === values.length - 1);
  const markerX = box.x + box.width * flyer.t;

  const muted = `fill="${colors.text}" fill-opacity="0.6"`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(w)}" height="${Math.ceil(h)}">` +
    `<rect x="0.5" y="0.5" width="${s(hudSizePx.width - 1)}" height="${s(hudSizePx.height - 1)}" ` +
    `rx="${s(8)}" fill="#000000" fill-opacity="0.32" stroke="${colors.text}" stroke-opacity="0.16"/>` +
    text(14, 22, 11, 'EPOCH', muted + ` letter-spacing="${s(1.2)}"`) +
    text(
      62,
      22,
      13,
      `${frame.epoch.toFixed(1)} / ${frame.finalEpoch.toFixed(0)}`,
      `fill="${colors.text}"`,
    ) +
    text(170, 22, 11, 'T', muted) +
    text(184, 22, 13, flyer.t.toFixed(2), `fill="${colors.text}"`) +
    text(234, 22, 11, 'LOSS', muted + ` letter-spacing="${s(1.2)}"`) +
    text(272, 22, 13, flyer.trainLoss.toFixed(3), `fill="${colors.text}"`) +
    text(14, 46, 11, 'TEST ACCURACY', muted + ` letter-spacing="${s(1.2)}"`) +
    text(14, 68, 17, `${flyer.testAccuracy.toFixed(1)}%`, `fill="${colors.curve}"`) +
    text(82, 68, 11, 'curve', muted) +
    text(
      170,
      68,
      17,
      `${flyer.segmentAccuracy.toFixed(1)}%`,
      `fill="${colors.segment}"`,
    ) +
    text(238, 68, 11, 'segment', muted) +
    `<line x1="${s(box.x)}" y1="${s(yOf(100))}" x2="${s(box.x + box.width)}" y2="${s(yOf(100))}" ` +
    `stroke="${colors.text}" stroke-opacity="0.12" stroke-width="${s(1)}"/>` +
    `<polyline points="${line(thin(frame.accuracy.segment))}" fill="none" stroke="${colors.segment}" ` +
    `stroke-opacity="0.75" stroke-width="${s(1.4)}" stroke-dasharray="${s(3)} ${s(2)}"/>` +
    `<polyline points="${line(thin(frame.accuracy.curve))}" fill="none" stroke="${colors.curve}" ` +
    `stroke-width="${s(2)}" stroke-linejoin="round"/>` +
    `<line x1="${s(markerX)}" y1="${s(box.y - 2)}" x2="${s(markerX)}" y2="${s(box.y + box.height + 2)}" ` +
    `stroke="${colors.text}" stroke-opacity="0.7" stroke-width="${s(1)}"/>` +
    `<circle cx="${s(markerX)}" cy="${s(yOf(flyer.testAccuracy))}" r="${s(3)}" fill="${colors.curve}"/>` +
    `<circle cx="${s(markerX)}" cy="${s(yOf(flyer.segmentAccuracy))}" r="${s(2.4)}" fill="${colors.segment}"/>` +
    `</svg>`
  );
}
