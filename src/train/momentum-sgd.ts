/**
 * SGD with momentum as the reference trains (PyTorch's form: v = mu v + g,
 * w -= lr v). The L2 term lives in the loss, so the same step serves endpoints and
 * curve.
 */
import { tf } from '../tf/backend.js';

export class MomentumSgd {
  private readonly velocity: tf.Variable[];

  constructor(
    private readonly variables: tf.Variable[],
    private readonly momentum: number,
  ) {
    this.velocity = tf.tidy(() =>
      variables.map((v) => tf.variable(tf.zerosLike(v), false)),
    );
  }

  /** One step on `loss()`; returns the loss value before the step. */
  step(loss: () => tf.Scalar, learningRate: number): number {
    const { value, grads } = tf.variableGrads(loss, this.variables);
    tf.tidy(() => {
      this.variables.forEach((variable, i) => {
        const velocity = this.velocity[i] as tf.Variable;
        // A variable the loss does not reach (a PolyChain point outside this t's
        // piece) has a zero gradient, as in the reference, so momentum still moves it.
        const grad = grads[variable.name];
        const decayed = tf.mul(velocity, this.momentum);
        velocity.assign(grad ? tf.add(decayed, grad) : decayed);
        variable.assign(tf.sub(variable, tf.mul(velocity, learningRate)));
      });
    });
    const out = value.dataSync()[0] as number;
    tf.dispose([value, ...Object.values(grads).filter((g) => g)]);
    return out;
  }

  dispose(): void {
    tf.dispose(this.velocity);
  }
}

/** 0.5 wd sum of squares over a list of weight tensors. */
export function l2Term(weights: tf.Tensor[], weightDecay: number): tf.Scalar {
  return tf.mul(tf.addN(weights.map((w) => tf.sum(tf.square(w)))), 0.5 * weightDecay);
}
