/**
 * Running code that must fail with an IcarusError, and checking what its message
 * says: shared by the tests of scene files, presets and --set overrides.
 */
import assert from 'node:assert/strict';
import { IcarusError } from '../../src/config/errors.js';

/**
 * Runs `fn` expecting an IcarusError and returns its message; fails the test when
 * `fn` returns or throws anything else. `what` names the input in that failure.
 */
export function expectIcarusError(fn: () => unknown, what = 'no error'): string {
  try {
    fn();
  } catch (error) {
    assert.ok(
      error instanceof IcarusError,
      `expected an IcarusError, got ${String(error)}`,
    );
    return error.message;
  }
  assert.fail(what);
}

/** Asserts that `message` holds every string of `parts` and matches every RegExp. */
export function assertMentions(
  message: string,
  parts: readonly (string | RegExp)[],
): void {
  for (const part of parts) {
    const found =
      typeof part === 'string' ? message.includes(part) : part.test(message);
    assert.ok(found, `message lacks ${String(part)}:\n${message}`);
  }
}
