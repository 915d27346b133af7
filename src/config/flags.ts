/**
 * Parsing of CLI flag values, shared by every command.
 */
import { IcarusError } from './errors.js';

/**
 * Flags with values are read as strings: yargs would turn `--frames abc` into NaN
 * and `--frames` with no value into nothing; parsing here keeps the user's text.
 */
export type FlagText = string | string[] | undefined;

/** The flag's text, or undefined when it was not given; no value is an error. */
export function flagText(
  name: string,
  value: FlagText,
  example: string,
): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    throw new IcarusError(
      `--${name} given ${value.length} times (${value.map((v) => `'${v}'`).join(', ')})`,
      `give --${name} once`,
    );
  }
  if (value.trim() === '') {
    throw new IcarusError(
      `--${name} needs a value`,
      `write it like --${name} ${example}`,
    );
  }
  return value;
}

/** Parses a numeric flag, naming the user's text when it is not a number. */
export function numberFlag(
  name: string,
  value: FlagText,
  example: string,
): number | undefined {
  const text = flagText(name, value, example);
  if (text === undefined) return undefined;
  const parsed = Number(text);
  if (!Number.isFinite(parsed)) {
    throw new IcarusError(
      `--${name} '${text}': expected a number`,
      `write it like --${name} ${example}`,
    );
  }
  return parsed;
}
