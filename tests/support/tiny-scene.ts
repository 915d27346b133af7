/** A scene file for render tests: a tiny frame of a tiny landscape, quick to draw. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TinySceneOptions {
  /** The folder the scene, its video and its poster go in. */
  folder: string;
  /** The scene's name: `<name>.yaml` writing `<name>.mp4` and `<name>.png`. */
  name: string;
  /** The `landscape` value (a bundle folder, a config, or a wrong value to test). */
  landscape: string;
  fps: number;
  widthPx?: number;
  heightPx?: number;
  durationSeconds?: number;
}

/** Writes the scene (YAML, as a user would) and returns its path. */
export function writeTinyScene(o: TinySceneOptions): string {
  mkdirSync(o.folder, { recursive: true });
  const file = join(o.folder, `${o.name}.yaml`);
  writeFileSync(
    file,
    [
      `landscape: ${JSON.stringify(o.landscape)}`,
      'output:',
      `  path: ${JSON.stringify(join(o.folder, `${o.name}.mp4`))}`,
      `  poster: ${JSON.stringify(join(o.folder, `${o.name}.png`))}`,
      `  width: ${o.widthPx ?? 64}`,
      `  height: ${o.heightPx ?? 48}`,
      `  fps: ${o.fps}`,
      `  durationSeconds: ${o.durationSeconds ?? 10}`,
      'surface:',
      '  resolution: 40',
      'sparks: 20',
      '',
    ].join('\n'),
  );
  return file;
}
