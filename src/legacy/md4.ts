/**
 * MD4 (RFC 1320), which NTLM and MS-CHAPv2 hash passwords with. @noble/hashes has no MD4 and
 * node:crypto lost it with OpenSSL 3 (it moved to the legacy provider), so it comes from js-md4,
 * the synchronous pure-JavaScript MD4 that the npm NTLM clients use. Only its incremental
 * create().update().arrayBuffer() path is called: that path is plain JavaScript in every runtime
 * (the package's default export hands strings to node:crypto under Node, which fails on Node 17+).
 */
import jsMd4 from 'js-md4';

/** MD4(data), 16 bytes. */
export function md4(data: Uint8Array): Uint8Array {
  const hasher = jsMd4.create();
  const digest = new Uint8Array(hasher.update(data).arrayBuffer());
  // The hasher's last message block (for NTLM: password bytes) is in its `blocks` array: zero it.
  const state = (hasher as unknown as { blocks?: number[] }).blocks;
  if (Array.isArray(state)) state.fill(0);
  return digest;
}
