/** The optimiser settings that endpoints and curve share (see train-config.ts). */
export interface OptimiserConfig {
  epochs: number;
  learningRate: number;
  momentum: number;
  batchSize: number;
  weightDecay: number;
}

/** Reported after each epoch, for progress bars. */
export type EpochReport = (epoch: number, meanLoss: number) => void;
