/**
 * The training config: what `icarus train` runs. Each setting is defined once here,
 * with its default and description; the YAML file overrides what it names.
 */
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { z } from 'zod';
import { dataSection } from './data-config.js';
import { modelSection } from './model-config.js';
import { readYaml, validate } from './yaml-file.js';

export const curveTypes = ['bezier', 'polychain'] as const;
export type CurveType = (typeof curveTypes)[number];

/** Above ~9 the Bernstein weights of the middle points are too small to train. */
export const maxControlPoints = 9;

/** Each thread holds the digits and their products (~100 MB for the default job). */
export const maxWorkers = 32;

const marginValue = z.number().min(0).max(2);

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
  data: dataSection,
  model: modelSection,
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
      type: z
        .enum(curveTypes)
        .default('bezier')
        .describe('bezier: a Bernstein polynomial; polychain: straight pieces'),
      controlPoints: z
        .number()
        .int()
        .min(3)
        .max(maxControlPoints)
        .default(3)
        .describe('control points with both endpoints (3: one bend)'),
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
        .union([
          marginValue,
          z.strictObject({
            left: marginValue.default(0.2),
            right: marginValue.default(0.2),
            bottom: marginValue.default(0.2),
            top: marginValue.default(0.2),
          }),
        ])
        .default(0.2)
        .describe(
          'grid margin beyond w1, w2 and the bend, in units of dx (alpha) and dy ' +
            '(beta): one number for all four sides, or { left, right, bottom, top }',
        ),
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

/** The plane's grid margins, side by side. */
export function planeMargins(plane: TrainConfig['plane']): {
  left: number;
  right: number;
  bottom: number;
  top: number;
} {
  const m = plane.margin;
  return typeof m === 'number' ? { left: m, right: m, bottom: m, top: m } : m;
}
