/**
 * Output names from a template such as `{scene}-{palette}-{camera}.{ext}`, made safe
 * for any file system: one flat name inside the batch's output folder.
 */
import { IcarusError } from '../config/errors.js';
import { nearestKey } from '../config/yaml-file.js';

export const placeholders = [
  'scene',
  'palette',
  'camera',
  'format',
  'ext',
  'size',
  'width',
  'height',
  'quality',
  'index',
] as const;

export type Placeholder = (typeof placeholders)[number];

export type NameFields = Record<Placeholder, string>;

const placeholderPattern = /\{([^{}]*)\}/g;

/**
 * Refuses a template with placeholders Icarus does not know, naming each and the
 * nearest known one; `where` names the file and key.
 */
export function checkTemplate(template: string, where: string): void {
  const known: readonly string[] = placeholders;
  const unknown = [...template.matchAll(placeholderPattern)]
    .map((match) => match[1] ?? '')
    .filter((name) => !known.includes(name));
  if (unknown.length === 0) return;
  const hints = unknown.map((name) => {
    const near = nearestKey(name, [...placeholders]);
    return `{${name}}${near ? ` (did you mean {${near}}?)` : ''}`;
  });
  throw new IcarusError(
    `${where}: '${template}' has unknown placeholder${unknown.length > 1 ? 's' : ''} ` +
      `${hints.join(', ')}; known: ${placeholders.map((p) => `{${p}}`).join(', ')}`,
    "write it like '{scene}-{palette}-{camera}.{ext}'",
  );
}

/** The placeholders `template` uses. */
export function templatePlaceholders(template: string): Placeholder[] {
  const known: readonly string[] = placeholders;
  return [...template.matchAll(placeholderPattern)]
    .map((match) => match[1] ?? '')
    .filter((name): name is Placeholder => known.includes(name));
}

/** The template with every placeholder replaced, then made safe (see `safeName`). */
export function expandTemplate(template: string, fields: NameFields): string {
  const expanded = template.replace(placeholderPattern, (whole, name: string) =>
    name in fields ? fields[name as Placeholder] : whole,
  );
  return safeName(expanded);
}

/**
 * A name any file system takes: characters outside A-Z a-z 0-9 . _ - become '-'
 * (so a '/' cannot reach another folder), runs of dots become one (no '..'), and
 * leading dots go (no hidden files).
 */
export function safeName(name: string): string {
  return name
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^\.+/, '');
}
