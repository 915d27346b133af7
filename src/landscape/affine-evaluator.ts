/**
 * Evaluates many weight vectors of the form w = sum_k c_k B_k (points of a plane, a
 * segment or a Bezier curve) on whole splits, fast. The first layer is linear in the
 * weights, so X W1(w) + b1(w) = sum_k c_k (X W1(B_k) + b1(B_k)): the products of the
 * data with each B_k are computed once, and each point costs only the later layers.
 * Only the per-point sums come back to JavaScript, a chunk of points at a time, since
 * reading large tensors back is slow on WASM. Only the MLP without batch norm
 * (`Network.affine`) comes this way; other models use direct-evaluator.ts.
 */
import { type MlpLayout } from '../model/mlp-layout.js';
import { tf } from '../tf/backend.js';
import { type DataTensors, type SplitTensors } from './data-tensors.js';

/** One basis vector's first-layer products and later-layer weights, on the backend. */
export interface BasisTerm {
  /** X W1(B) + b1(B) per split, flattened to [count * fanOut]. */
  products: { train: tf.Tensor1D; test: tf.Tensor1D };
  /** Later layers' W and b of B, flattened. */
  later: { w: tf.Tensor1D; b: tf.Tensor1D }[];
}

export interface SplitScores {
  /** Mean cross-entropy per point (no L2 term). */
  nll: number[];
  /** Error per point, percent. */
  error: number[];
}

export interface PointScores {
  train: SplitScores;
  test: SplitScores;
}

/** Points whose sums come back in one read (each read is a sync with the backend). */
const chunkPoints = 8;

/** Computes the products and later-layer weights of one basis vector. */
export function basisTerm(
  layout: MlpLayout,
  data: DataTensors,
  vector: Float32Array,
): BasisTerm {
  return tf.tidy(() => {
    const flat = tf.tensor1d(vector);
    const [first, ...rest] = layout.layers;
    if (!first) throw new Error('the model has no layers');
    const w1 = flat
      .slice(first.offset, first.fanIn * first.fanOut)
      .reshape([first.fanIn, first.fanOut]);
    const b1 = flat.slice(first.offset + first.fanIn * first.fanOut, first.fanOut);
    const product = (s: SplitTensors): tf.Tensor1D =>
      tf.add(tf.matMul(s.x, w1 as tf.Tensor2D), b1).reshape([-1]) as tf.Tensor1D;
    return {
      products: { train: product(data.train), test: product(data.test) },
      later: rest.map(({ fanIn, fanOut, offset }) => ({
        w: flat.slice(offset, fanIn * fanOut) as tf.Tensor1D,
        b: flat.slice(offset + fanIn * fanOut, fanOut) as tf.Tensor1D,
      })),
    };
  });
}

export function disposeTerm(term: BasisTerm): void {
  tf.dispose([
    term.products.train,
    term.products.test,
    ...term.later.flatMap((l) => [l.w, l.b]),
  ]);
}

/** Scores the points sum_k coefficients[p][k] B_k on both splits; `terms` are the B_k. */
export function evaluateAffine(
  layout: MlpLayout,
  data: DataTensors,
  terms: BasisTerm[],
  coefficients: number[][],
): PointScores {
  const out: PointScores = {
    train: { nll: [], error: [] },
    test: { nll: [], error: [] },
  };
  const splits = ['train', 'test'] as const;
  const stacked = tf.tidy(() => ({
    train: tf.stack(terms.map((t) => t.products.train)) as tf.Tensor2D,
    test: tf.stack(terms.map((t) => t.products.test)) as tf.Tensor2D,
    later: layout.layers.slice(1).map((_, l) => ({
      w: tf.stack(
        terms.map((t) => (t.later[l] as { w: tf.Tensor1D }).w),
      ) as tf.Tensor2D,
      b: tf.stack(
        terms.map((t) => (t.later[l] as { b: tf.Tensor1D }).b),
      ) as tf.Tensor2D,
    })),
  }));
  try {
    for (let start = 0; start < coefficients.length; start += chunkPoints) {
      const chunk = coefficients.slice(start, start + chunkPoints);
      for (const split of splits) {
        const [nll, error] = scoreChunk(
          layout,
          data[split],
          stacked[split],
          stacked.later,
          chunk,
        );
        out[split].nll.push(...nll);
        out[split].error.push(...error);
      }
    }
  } finally {
    tf.dispose([
      stacked.train,
      stacked.test,
      ...stacked.later.flatMap((l) => [l.w, l.b]),
    ]);
  }
  return out;
}

function scoreChunk(
  layout: MlpLayout,
  split: SplitTensors,
  products: tf.Tensor2D,
  later: { w: tf.Tensor2D; b: tf.Tensor2D }[],
  chunk: number[][],
): [number[], number[]] {
  const m = chunk.length;
  const first = layout.layers[0] as { fanOut: number };
  // One point at a time through the later layers: batched 3-D matmuls run far slower
  // than 2-D ones on the WASM backend (measured ~125 ms against ~10 ms a point).
  const sums = tf.tidy(() =>
    tf.stack(
      chunk.map((coefficients) => {
        const c = tf.tensor2d([coefficients]);
        let h = tf.relu(
          tf.matMul(c, products).reshape([split.count, first.fanOut]),
        ) as tf.Tensor2D;
        layout.layers.slice(1).forEach(({ fanIn, fanOut }, l) => {
          const layer = later[l] as { w: tf.Tensor2D; b: tf.Tensor2D };
          const w = tf.matMul(c, layer.w).reshape([fanIn, fanOut]) as tf.Tensor2D;
          const b = tf.matMul(c, layer.b).reshape([fanOut]);
          const z = tf.add(tf.matMul(h, w), b) as tf.Tensor2D;
          h = l + 2 < layout.layers.length ? tf.relu(z) : z;
        });
        const nll = tf
          .neg(tf.sum(tf.mul(tf.logSoftmax(h), split.oneHot)))
          .div(split.count);
        const hits = tf.equal(tf.argMax(h, 1), split.labels).toFloat().sum();
        return tf.stack([nll, hits]);
      }),
    ),
  );
  const values = sums.dataSync();
  sums.dispose();
  const nll = Array.from({ length: m }, (_, p) => values[2 * p] as number);
  const error = Array.from(
    { length: m },
    (_, p) => 100 * (1 - (values[2 * p + 1] as number) / split.count),
  );
  return [nll, error];
}
