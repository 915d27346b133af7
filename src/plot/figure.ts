/** A figure as SVG text and its size in SVG user units (one unit a pixel at 72 dpi). */
export interface Figure {
  svg: string;
  widthUnits: number;
  heightUnits: number;
}

/** The first letter raised, for titles made from a metric's words. */
export function capitalised(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
