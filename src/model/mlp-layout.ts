/**
 * The plain MLP's layout in the terms the affine evaluator reads: for each layer, W
 * (fanIn x fanOut, row-major), then b. It is the same layout as the MLP network's
 * blocks when there is no batch norm.
 */

export interface LayerShape {
  fanIn: number;
  fanOut: number;
  /** Offset of W in the flat vector; b follows at offset + fanIn * fanOut. */
  offset: number;
}

export interface MlpLayout {
  sizes: number[];
  layers: LayerShape[];
  parameterCount: number;
}

/** The layout for layer sizes such as [784, 128, 128, 10]. */
export function mlpLayout(sizes: number[]): MlpLayout {
  const layers: LayerShape[] = [];
  let offset = 0;
  for (let i = 0; i + 1 < sizes.length; i++) {
    const fanIn = sizes[i] as number;
    const fanOut = sizes[i + 1] as number;
    layers.push({ fanIn, fanOut, offset });
    offset += fanIn * fanOut + fanOut;
  }
  return { sizes, layers, parameterCount: offset };
}
