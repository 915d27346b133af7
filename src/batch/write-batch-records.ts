/** What a batch run leaves beside its outputs: the manifest and the contact sheet. */
import { join } from 'node:path';
import { logger } from '../log/logger.js';
import { sizeOf } from './batch-job.js';
import {
  batchManifest,
  type JobOutcome,
  writeBatchManifest,
} from './batch-manifest.js';
import { type ContactCell, writeContactSheet } from './contact-sheet.js';
import { contactSheetName, shownPath } from './expand-batch.js';

const log = logger('batch');

export interface BatchRecords {
  manifestPath: string;
  contactSheetPath: string;
}

/**
 * Writes the complete `<outDir>/batch.json` and `<outDir>/contact-sheet.png`, both
 * atomically, at the end of a run.
 */
export async function writeBatchRecords(
  file: string,
  outDir: string,
  outcomes: readonly JobOutcome[],
  seconds: number,
): Promise<BatchRecords> {
  const manifestPath = writeBatchManifest(
    outDir,
    batchManifest(file, outDir, outcomes, seconds, true),
  );
  const contactSheetPath = join(outDir, contactSheetName);
  await writeContactSheet(contactSheetPath, outcomes.map(contactCell));
  log.info(
    `manifest ${shownPath(manifestPath)}, contact sheet ${shownPath(contactSheetPath)}`,
  );
  return { manifestPath, contactSheetPath };
}

/** A job's cell: its poster, labelled with what sets it apart. */
function contactCell({ job, status }: JobOutcome): ContactCell {
  const failed = status === 'failed';
  return {
    image: failed ? undefined : job.poster,
    lines: [
      `${job.index}. ${job.sceneName} · ${job.palette} · ${job.camera}`,
      `${job.format} · ${sizeOf(job)} · ${job.quality}${failed ? ' · FAILED' : ''}`,
    ],
    failed,
  };
}
