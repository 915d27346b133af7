/**
 * Errors a user can act on: every message names the file, the key path, the value
 * found, what was expected and, when known, the fix.
 */
export class IcarusError extends Error {
  constructor(
    message: string,
    /** A one-line hint on how to get past the error. */
    readonly fix?: string,
  ) {
    super(fix ? `${message}\n  fix: ${fix}` : message);
    this.name = 'IcarusError';
  }
}

/** Renders a value for an error line, short enough to read. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  // JSON.stringify gives undefined for functions and symbols.
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
}
