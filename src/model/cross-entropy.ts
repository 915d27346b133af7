/** The training loss of every model. */
import { tf } from '../tf/backend.js';

/** Mean cross-entropy of logits against one-hot labels. */
export function crossEntropy(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(oneHot, logits) as tf.Scalar;
}
