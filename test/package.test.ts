/**
 * The package as npm users get it: the tarball `npm pack` makes (from the dist/ the test setup
 * built; packed with --ignore-scripts, as prepack would only build it again), checked by
 * independent tools, then installed into a fresh project outside this repository (offline, from
 * npm's cache) and used from there:
 *
 *   - @arethetypeswrong/cli: every entry point's types resolve under node10, node16 (from CJS and
 *     from ESM) and bundler; publint --strict: nothing to say;
 *   - the tarball: at most 200 KB packed, LICENSE and README in it, no source maps, every file
 *     package.json points at present; no install-time script; every bare import in dist/ is a
 *     Node built-in or a declared dependency (what is bundled is not declared);
 *   - installed: no npm warning about this package; the CLI runs (version, one-line usage errors,
 *     the short usage, no bench, a password round trip that openssl enc reads); the demo's
 *     suggested commands run as printed; require() and import both load it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const MAX_PACKED = 200_000;

let work: string;
let tarball: string;
let packed: { size: number; unpackedSize: number; files: { path: string; size: number }[] };

function run(command: string, args: string[], cwd: string, input?: string) {
  const r = spawnSync(command, args, { cwd, input, encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'des-wasm-package-'));
  const r = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], root);
  expect(r.code, r.stderr).toBe(0);
  [packed] = JSON.parse(r.stdout);
  tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
  console.log(`[package.test.ts] ${tarball.split('/').pop()}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.files.length} files`);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the tarball', () => {
  it('@arethetypeswrong/cli: every entry point resolves with its types, everywhere (attw)', () => {
    const r = run(bin('attw'), [tarball, '--format', 'json'], work);
    const report = JSON.parse(r.stdout);
    const problems = report.analysis?.problems ?? report.problems;
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
    const entries = Object.keys(report.analysis.entrypoints);
    expect(entries.sort()).toEqual(['.', './legacy', './node', './package.json', './payments', './smartcard']);
    for (const [entry, info] of Object.entries<{ resolutions: Record<string, { resolution?: { fileName: string } }> }>(report.analysis.entrypoints)) {
      for (const kind of ['node10', 'node16-cjs', 'node16-esm', 'bundler']) {
        expect(info.resolutions[kind]?.resolution?.fileName, `${entry} under ${kind}`).toBeTruthy();
      }
    }
    expect(r.code, r.stdout.slice(0, 2000)).toBe(0);
  });

  it('publint --strict finds nothing', () => {
    const r = run(bin('publint'), ['run', tarball, '--strict'], work);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/All good!/);
  });

  it(`is at most ${MAX_PACKED} bytes packed, holds LICENSE and README, no source maps, and every file package.json names`, () => {
    expect(packed.size).toBeLessThanOrEqual(MAX_PACKED);
    const files = new Set(packed.files.map((f) => f.path));
    for (const f of ['LICENSE', 'README.md', 'package.json', 'vectors/sample/sample.txt', 'vectors/sample/sample.key']) expect(files.has(f), f).toBe(true);
    expect([...files].filter((f) => f.endsWith('.map'))).toEqual([]);
    expect([...files].filter((f) => /^dist\/.+\//.test(f)), 'nothing from dist/\'s folders (dist/web is the page)').toEqual([]);
    const named: string[] = [pkg.main, pkg.module, pkg.types, ...Object.values<string>(pkg.bin)];
    const walk = (value: unknown): void => {
      if (typeof value === 'string') named.push(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(pkg.exports);
    walk(pkg.typesVersions);
    for (const path of named) expect(files.has(path.replace(/^\.\//, '')), path).toBe(true);
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 des-wasm contributors\n/);
  });

  it('has no install-time script, and declares exactly the packages dist/ imports', () => {
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[script], script).toBeUndefined();
    expect(pkg.scripts.prepack).toBe('npm run build');
    const imported = new Set<string>();
    for (const file of readdirSync(join(root, 'dist')).filter((f) => /\.(c?js)$/.test(f))) {
      const text = readFileSync(join(root, 'dist', file), 'utf8');
      for (const [, spec] of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"'./][^"']*)["']/g)) {
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (!builtinModules.includes(name) && !name.startsWith('node:')) imported.add(name);
      }
    }
    expect([...imported].sort()).toEqual(Object.keys(pkg.dependencies ?? {}).sort());
    // Bundled (noExternal in tsup.config.ts), so a devDependency only.
    expect(pkg.dependencies['@noble/hashes']).toBeUndefined();
    expect(pkg.devDependencies['@noble/hashes']).toBeDefined();
  });
});

describe('installed into a fresh project (npm install <tarball> --offline)', () => {
  let project: string;
  let cli: (args: string[], input?: string) => ReturnType<typeof run>;

  beforeAll(() => {
    project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'fresh-project', version: '1.0.0', private: true }));
    const r = run('npm', ['install', tarball, '--offline', '--no-audit', '--no-fund'], project);
    expect(r.code, r.stderr).toBe(0);
    // npm names any install-time script ("npm warn ... install script"); this package has none.
    const warnings = r.stderr.split('\n').filter((line) => /warn/i.test(line));
    expect(warnings, r.stderr).toEqual([]);
    cli = (args, input) => run(join(project, 'node_modules', '.bin', 'des-wasm'), args, project, input);
  });

  it('the CLI runs: --version, one-line usage errors, the short usage, no bench', () => {
    expect(cli(['--version']).stdout.trim()).toBe(pkg.version);
    const typo = cli(['encrpyt']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe("des-wasm: unknown command 'encrpyt' (did you mean encrypt?)\n");
    const none = cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(10);
    expect(none.stderr).not.toMatch(/\bbench\b/);
    expect(cli(['--help']).stdout).not.toMatch(/\bbench\b/);
    const bench = cli(['bench']);
    expect(bench.code).toBe(2);
    expect(bench.stderr).toBe("des-wasm: unknown command 'bench'\n");
  });

  it('encrypts with a password in the format openssl enc reads, and reads what openssl enc -pbkdf2 wrote', () => {
    writeFileSync(join(project, 'note.txt'), 'from the installed package\n');
    const withPw = spawnSync(join(project, 'node_modules', '.bin', 'des-wasm'), ['encrypt', '-a', '--pass', 'env:PW', '-i', 'note.txt', '-o', 'note.b64'],
      { cwd: project, env: { ...process.env, PW: 'installed' }, encoding: 'utf8' });
    expect(withPw.status, withPw.stderr).toBe(0);
    const plain = execFileSync('openssl', ['enc', '-d', '-a', '-des-ede3-cbc', '-pbkdf2', '-pass', 'pass:installed', '-in', 'note.b64'], { cwd: project });
    expect(plain.toString()).toBe('from the installed package\n');
    execFileSync('openssl', ['enc', '-e', '-des-ede3-cbc', '-pbkdf2', '-pass', 'pass:theirs', '-in', 'note.txt', '-out', 'theirs.enc'], { cwd: project });
    const back = cli(['decrypt', '--pass', 'pass:theirs', '-i', 'theirs.enc']);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toBe('from the installed package\n');
  });

  it('demo: both round trips, and every command it suggests runs as printed', () => {
    const demo = cli(['demo']);
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/Both round trips check out/);
    const commands = [...demo.stdout.matchAll(/^ +(?:by hand|and|openssl reads it): (.+)$/gm)].map((m) => m[1]);
    expect(commands).toHaveLength(3);
    for (const command of commands) {
      expect(command.startsWith('npx des-wasm '), command).toBe(true);
      const r = spawnSync('sh', ['-c', command], { cwd: project, encoding: 'utf8' });
      expect(r.status, `${command}\n${r.stderr}`).toBe(0);
    }
    const sample = readFileSync(join(project, 'node_modules/des-wasm/vectors/sample/sample.txt'), 'utf8');
    expect(readFileSync(join(project, 'sample.out.txt'), 'utf8')).toBe(sample);
    expect(existsSync(join(project, 'sample.enc'))).toBe(true);
    // The openssl pipeline printed the sample back.
    const last = spawnSync('sh', ['-c', commands[2]], { cwd: project, encoding: 'utf8' });
    expect(last.stdout).toBe(sample);
  });

  it('loads with require() and with import, in Node (Buffers) and with the portable entry', () => {
    const check = `const kcv = Buffer.from(lib.kcv(Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex'))).toString('hex');
      const c = lib.createCipheriv('des-ede3-cbc', Buffer.alloc(24, 1), Buffer.alloc(8));
      const out = c.update('x');
      console.log(kcv, Buffer.isBuffer(out), typeof lib.openssl.encrypt);`;
    writeFileSync(join(project, 'cjs.cjs'), `const lib = require('des-wasm');\n${check}`);
    writeFileSync(join(project, 'esm.mjs'), `import * as lib from 'des-wasm';\n${check}`);
    writeFileSync(join(project, 'sub.cjs'), `for (const p of ['payments', 'smartcard', 'legacy']) require('des-wasm/' + p); console.log('ok');`);
    expect(run(process.execPath, ['cjs.cjs'], project).stdout).toBe('08d7b4 true function\n');
    expect(run(process.execPath, ['esm.mjs'], project).stdout).toBe('08d7b4 true function\n');
    expect(run(process.execPath, ['sub.cjs'], project).stdout).toBe('ok\n');
  });

  it('without WebAssembly SIMD, require() and import both load the scalar build, the one dist/wasm-scalar.js', () => {
    const check = `await lib.ready();
      console.log(lib.engineInfo().simd, Buffer.from(lib.kcv(Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex'))).toString('hex'));`;
    // A runtime without SIMD, as the engine sees it: the SIMD probe fails validation.
    const noSimd = 'WebAssembly.validate = () => false;';
    writeFileSync(join(project, 'scalar.cjs'), `${noSimd}\nconst lib = require('des-wasm');\n(async () => { ${check} })();`);
    writeFileSync(join(project, 'scalar.mjs'), `${noSimd}\nconst lib = await import('des-wasm');\n${check}`);
    for (const file of ['scalar.cjs', 'scalar.mjs']) {
      const r = run(process.execPath, [file], project);
      expect(r.stdout, `${file}: ${r.stderr}`).toBe('false 08d7b4\n');
    }
    expect(packed.files.filter((f) => /wasm-scalar/.test(f.path)).map((f) => f.path)).toEqual(['dist/wasm-scalar.js']);
  });
});
