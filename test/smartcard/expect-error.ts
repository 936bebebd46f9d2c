/** The smart-card tests' one check of a refusal: a DesError with exactly this code and message. */
import { expect } from 'vitest';
import { DesError } from '../../src/index.js';

export function throws(f: () => unknown, code: string, message: string): void {
  let error: unknown;
  try { f(); } catch (e) { error = e; }
  expect(error, message).toBeInstanceOf(DesError);
  expect((error as DesError).code).toBe(code);
  expect((error as DesError).message).toBe(message);
}
