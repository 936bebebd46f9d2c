/**
 * The `status` fields of the vector files under vectors/payments/ (match, computed_only,
 * mismatch …; see vectors/payments/README.md): how many records of a status a file holds, so a
 * test can assert that it ran every `match` value and silently skipped none.
 */

/** The number of objects anywhere in `node` whose `status` is `status` (any string status when omitted). */
export function countStatus(node: unknown, status?: string): number {
  if (Array.isArray(node)) return node.reduce((n: number, x) => n + countStatus(x, status), 0);
  if (node && typeof node === 'object') {
    const own = (node as { status?: unknown }).status;
    const counted = status === undefined ? typeof own === 'string' : own === status;
    return (counted ? 1 : 0) + Object.values(node).reduce((n: number, x) => n + countStatus(x, status), 0);
  }
  return 0;
}
