// Builds the WebAssembly engine from assembly/ and embeds it in the JS bundle: build/*.wasm, and
// src/engine/wasm-simd.ts and wasm-scalar.ts holding the two builds as base64, so no user ever
// configures a .wasm path. They are two modules so that the engine imports the scalar build only
// where the runtime lacks SIMD.
//
// The engine's tables (SP, key schedule, bitslice index) are derived here, at build time, by
// src/engine/derive.ts from FIPS 46-3's tables (src/fips46.ts), and written into the module's data
// segment at the offsets it exports for them: an instance starts with its tables in place.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const asc = join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js');

// Two builds of the same source: with SIMD (the bitsliced engine included) and without (the
// fallback where a runtime lacks SIMD; ASC_FEATURE_SIMD removes the bitsliced code at compile
// time). The memory is two fixed 64 KiB pages (initial = maximum), so the engine never grows it.
// The SIMD build, which nearly every runtime runs, is optimised for speed (-O3); the scalar build,
// for the rare runtime without SIMD, for size as well (-O3z: a fifth smaller, in the package).
const builds = [
  { entry: 'assembly/index.ts', out: 'build/des-simd.wasm', module: 'src/engine/wasm-simd.ts', constant: 'WASM_SIMD_BASE64', flags: ['-O3', '--enable', 'simd'] },
  { entry: 'assembly/index.ts', out: 'build/des.wasm', module: 'src/engine/wasm-scalar.ts', constant: 'WASM_SCALAR_BASE64', flags: ['-O3z', '--disable', 'simd'] },
];

/** src/engine/derive.ts, compiled by esbuild and imported, so the tables come from the same code the tests check. */
async function loadDerive() {
  const result = await esbuild({ entryPoints: [join(root, 'src/engine/derive.ts')], bundle: true, format: 'esm', write: false, logLevel: 'error' });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`);
}

// ---------------------------------------------------------------------------------------------
// The binary format (WebAssembly Core Specification §5): a section is an id byte, its size as an
// unsigned LEB128 and its contents; the data section (id 11) is a vector of segments, and an
// active segment for memory 0 is 0x00, an offset expression (i32.const n; end) and a byte vector.

function uleb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n) {
  const out = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

function readUleb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return { value, next: at };
}

/** The module's sections as [{ id, body }], after the 8-byte header. */
function sections(bytes) {
  const list = [];
  for (let at = 8; at < bytes.length;) {
    const id = bytes[at];
    const { value: size, next } = readUleb(bytes, at + 1);
    list.push({ id, body: bytes.subarray(next, next + size) });
    at = next + size;
  }
  return list;
}

/**
 * The module with active data segments added: [{ offset, bytes }]. Appended after the module's own
 * segments (later segments are written later at instantiation); the data count section (id 12),
 * where present, is kept in step.
 */
function withDataSegments(bytes, segments) {
  const list = sections(bytes);
  const added = segments.map(({ offset, bytes: data }) => [0x00, 0x41, ...sleb(offset), 0x0b, ...uleb(data.length), ...data]);
  let data = list.find((s) => s.id === 11);
  let count = 0, existing = new Uint8Array(0);
  if (data) {
    const { value, next } = readUleb(data.body, 0);
    count = value;
    existing = data.body.subarray(next);
  } else {
    data = { id: 11 };
    // Sections with ids come in order; custom sections (id 0) may sit anywhere: put it after the code section.
    const code = list.findIndex((s) => s.id === 10);
    list.splice(code + 1, 0, data);
  }
  data.body = Uint8Array.from([...uleb(count + segments.length), ...existing, ...added.flat()]);
  const dataCount = list.find((s) => s.id === 12);
  if (dataCount) dataCount.body = Uint8Array.from(uleb(count + segments.length));
  const parts = [bytes.subarray(0, 8)];
  for (const s of list) parts.push(Uint8Array.from([s.id, ...uleb(s.body.length)]), s.body);
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------------------------------------

/**
 * What src/engine/index.ts relies on, checked on each build before it is embedded: no imports and
 * no allocator (the module only works on its fixed regions), a memory that cannot grow (so the
 * TypeScript side's view of it stays valid), the regions it exports inside that memory, and each
 * table at its offset in a fresh instance, byte for byte.
 */
function check(out, bytes, tables) {
  const module = new WebAssembly.Module(bytes);
  const fail = (why) => { throw new Error(`${out}: ${why}`); };
  if (WebAssembly.Module.imports(module).length) fail('the engine must not import anything');
  const names = WebAssembly.Module.exports(module).map((e) => e.name);
  for (const name of names) if (/^__(new|alloc|pin|collect|renew)/.test(name)) fail(`exports the runtime's ${name}`);
  const x = new WebAssembly.Instance(module, {}).exports;
  const size = x.memory.buffer.byteLength;
  const heap = new Uint8Array(x.memory.buffer);
  for (const { offsetExport, bytes: table } of tables) {
    const at = x[offsetExport]();
    if (!Buffer.from(heap.subarray(at, at + table.length)).equals(table)) fail(`the table at ${offsetExport}() is not derive.ts's`);
  }
  let grew = true;
  try { x.memory.grow(1); } catch { grew = false; }
  if (grew) fail('its memory can grow (initial and maximum must be equal)');
  const regions = [['key', x.keyOffset(), x.keyBytes()], ['schedule', x.scheduleOffset(), x.scheduleBytes()],
    ['state', x.stateOffset(), x.stateBytes()], ['data', x.dataOffset(), x.dataBytes()]];
  for (const [name, at, n] of regions) if (at <= 0 || at + n > size) fail(`the ${name} region [${at}, ${at + n}) is outside the memory (${size} bytes)`);
}

mkdirSync(join(root, 'build'), { recursive: true });
const { engineTables } = await loadDerive();
for (const build of builds) {
  execFileSync(process.execPath, [asc, build.entry, '--runtime', 'stub', '--noAssert',
    '--initialMemory', '2', '--maximumMemory', '2', '-o', build.out, ...build.flags], { cwd: root, stdio: 'inherit' });
  const compiled = readFileSync(join(root, build.out));
  // The offsets come from the module itself; which tables it needs from whether it has the bitsliced engine.
  const x = new WebAssembly.Instance(new WebAssembly.Module(compiled), {}).exports;
  const tables = engineTables(Boolean(x.hasBitslice()));
  const bytes = withDataSegments(compiled, tables.map(({ offsetExport, bytes: table }) => ({ offset: x[offsetExport](), bytes: table })));
  check(build.out, bytes, tables);
  writeFileSync(join(root, build.out), bytes);
  writeFileSync(join(root, build.module), ['// Generated by scripts/build-wasm.mjs from assembly/ and src/engine/derive.ts: do not edit.',
    `export const ${build.constant} = '${bytes.toString('base64')}';`, ''].join('\n'));
  console.log(`${build.out}: ${bytes.length} bytes (${compiled.length} of code and ${bytes.length - compiled.length} of tables)`);
}
