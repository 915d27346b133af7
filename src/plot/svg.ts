/**
 * A few helpers to write SVG as text: no DOM, so figures are plain strings that
 * sharp (librsvg) turns into PNGs and a paper can include as they are.
 */
export type Attributes = Record<string, string | number | undefined>;

/** Escapes text for an SVG text node or attribute value. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A coordinate with at most two decimals: small files, the same bytes every run. */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** One element; attributes left undefined are dropped, numbers pass through num. */
export function element(name: string, attributes: Attributes, children = ''): string {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      const text = typeof value === 'number' ? num(value) : escapeXml(value as string);
      return ` ${key}="${text}"`;
    })
    .join('');
  return children === ''
    ? `<${name}${attrs}/>`
    : `<${name}${attrs}>${children}</${name}>`;
}

/** A text element; the content is escaped. */
export function text(content: string, attributes: Attributes): string {
  return element('text', attributes, escapeXml(content));
}

/** The `points` attribute of a polyline or polygon. */
export function pointList(points: [number, number][]): string {
  return points.map(([x, y]) => `${num(x)},${num(y)}`).join(' ');
}

/** A whole SVG document of the given size in user units, on a white page. */
export function svgDocument(
  widthUnits: number,
  heightUnits: number,
  body: string,
): string {
  const page = element('rect', { width: '100%', height: '100%', fill: '#ffffff' });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(widthUnits)}" ` +
    `height="${num(heightUnits)}" viewBox="0 0 ${num(widthUnits)} ${num(heightUnits)}" ` +
    `font-family="DejaVu Sans, sans-serif">${page}${body}</svg>\n`
  );
}
