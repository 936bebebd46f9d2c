/**
 * One assertion for the tests of bad input: `f` throws a DesError with exactly this code and
 * message (an asymmetric matcher such as expect.stringMatching may stand for the message).
 */
import { expect } from 'vitest';
import { DesError } from '../../src/index.js';

export function expectDesError(f: () => unknown, code: string, message: string): void {
  let error: unknown;
  try { f(); } catch (e) { error = e; }
  expect(error, message).toBeInstanceOf(DesError);
  const { code: got, message: said } = error as DesError;
  expect({ code: got, message: said }).toEqual({ code, message });
}
