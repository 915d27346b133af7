/** Flat weight vectors in JavaScript, with float64 accumulation for dot products. */

export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

export function norm(a: Float32Array): number {
  return Math.sqrt(dot(a, a));
}

/** sum_k coefficients[k] * vectors[k], computed in float64 and stored as float32. */
export function combine(vectors: Float32Array[], coefficients: number[]): Float32Array {
  const length = vectors[0]?.length ?? 0;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    let sum = 0;
    for (let k = 0; k < vectors.length; k++) {
      sum += (coefficients[k] as number) * ((vectors[k] as Float32Array)[i] as number);
    }
    out[i] = sum;
  }
  return out;
}

/** The Gram matrix G[i][j] = <vectors[i], vectors[j]>. */
export function gram(vectors: Float32Array[]): number[][] {
  return vectors.map((a) => vectors.map((b) => dot(a, b)));
}

/** c^T G c: the squared norm of sum_k c_k v_k from the Gram matrix of the v_k. */
export function quadratic(g: number[][], c: number[]): number {
  let sum = 0;
  for (let i = 0; i < c.length; i++) {
    for (let j = 0; j < c.length; j++) {
      sum += (c[i] as number) * (c[j] as number) * ((g[i] as number[])[j] as number);
    }
  }
  return sum;
}
