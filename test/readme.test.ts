/**
 * README.md's examples are tests. Every ```ts block is a complete ES module: it imports what it
 * uses (from 'des-wasm', 'des-wasm/payments', …), defines every name, and each `console.log(…)`
 * line ends with `//> ` and exactly what that call prints. Each block is
 *
 *   - type-checked by tsc against the package's own declarations (dist/*.d.ts and *.d.cts, found
 *     through the package's self-reference, as a user's project finds them in node_modules) under
 *     moduleResolution node16 and nodenext, from ESM (.ts) and from CommonJS (.cts), and bundler;
 *   - compiled by esbuild to an ES module and to CommonJS, and run by node, where 'des-wasm'
 *     resolves to this repository's dist/ (the "node" condition: dist/node.js, dist/node.cjs);
 *   - checked: what it prints, line by line, is what its `//> ` comments say, in order.
 *
 * The blocks are written to .test-output/readme/ (inside the repository, so that the package's
 * self-reference resolves) and run there. A block that fails names its line in README.md.
 * dist/ is built by the test setup (test/setup/build.ts) before any test runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.test-output', 'readme');

interface Block {
  /** The line of README.md the block's code starts on (1-based). */
  line: number;
  code: string;
  /** What each console.log prints, from its `//> ` comment, in order. */
  expected: string[];
  name: string;
}

/** Every ```ts block of the README, with what its console.log lines promise. */
function readmeBlocks(): Block[] {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```ts') continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end].trim() !== '```') end++;
    if (end === lines.length) throw new Error(`README.md line ${i + 1}: a \`\`\`ts block that never ends`);
    const code = lines.slice(start, end).join('\n') + '\n';
    const expected = [...code.matchAll(/\/\/> (.*)$/gm)].map((m) => m[1].trimEnd());
    blocks.push({ line: start + 1, code, expected, name: `block-${String(blocks.length + 1).padStart(2, '0')}` });
    i = end;
  }
  return blocks;
}

const blocks = readmeBlocks();
const where = (block: Block) => `README.md line ${block.line}`;

/** Map a diagnostic in .test-output/readme/block-NN.(c)ts(L,C) to the README line. */
function toReadme(diagnostics: string): string {
  return diagnostics.replace(/(block-(\d+))\.c?ts\((\d+),(\d+)\)/g, (whole, _name, n, line, column) => {
    const block = blocks[Number(n) - 1];
    return block ? `README.md:${block.line + Number(line) - 1}:${column}` : whole;
  });
}

const RESOLUTIONS = [
  { name: 'node16', module: 'node16', moduleResolution: 'node16', commonjs: true },
  { name: 'nodenext', module: 'nodenext', moduleResolution: 'nodenext', commonjs: true },
  { name: 'bundler', module: 'esnext', moduleResolution: 'bundler', commonjs: false },
] as const;

beforeAll(() => {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'run'), { recursive: true });
  for (const block of blocks) {
    writeFileSync(join(out, `${block.name}.ts`), block.code);       // ESM: the repository's package.json says "type": "module"
    writeFileSync(join(out, `${block.name}.cts`), block.code);      // CommonJS: import compiles to require()
    writeFileSync(join(out, `${block.name}.mjs`), transformSync(block.code, { loader: 'ts', format: 'esm', target: 'node20' }).code);
    writeFileSync(join(out, `${block.name}.cjs`), transformSync(block.code, { loader: 'ts', format: 'cjs', target: 'node20' }).code);
  }
  for (const r of RESOLUTIONS) {
    const files = blocks.flatMap((b) => (r.commonjs ? [`${b.name}.ts`, `${b.name}.cts`] : [`${b.name}.ts`]));
    writeFileSync(join(out, `tsconfig.${r.name}.json`), JSON.stringify({
      compilerOptions: {
        module: r.module, moduleResolution: r.moduleResolution, target: 'ES2022', lib: ['ES2022'], types: ['node'],
        strict: true, noEmit: true, skipLibCheck: true, isolatedModules: true, noUnusedLocals: false,
      },
      files,
    }, null, 2));
  }
});

describe('README.md examples', () => {
  it('has ```ts blocks, each following the convention: every console.log has its //> comment', () => {
    console.log(`[readme.test.ts] ${blocks.length} \`\`\`ts blocks in README.md, ${blocks.reduce((n, b) => n + b.expected.length, 0)} printed lines checked`);
    expect(blocks.length).toBeGreaterThan(5);
    for (const block of blocks) {
      const logs = (block.code.match(/\bconsole\.log\(/g) ?? []).length;
      expect(logs, `${where(block)}: ${logs} console.log calls but ${block.expected.length} //> comments`).toBe(block.expected.length);
      expect(block.code, `${where(block)}: imports from 'des-wasm' or a subpath`).toMatch(/from 'des-wasm(\/\w+)?'/);
    }
  });

  for (const r of RESOLUTIONS) {
    it(`type-checks under moduleResolution ${r.name}${r.commonjs ? ' (ESM and CommonJS)' : ''}`, () => {
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      const result = spawnSync(process.execPath, [tsc, '-p', join(out, `tsconfig.${r.name}.json`), '--pretty', 'false'], { cwd: out, encoding: 'utf8' });
      expect(toReadme(result.stdout + result.stderr), `tsc (${r.name}) found errors`).toBe('');
      expect(result.status).toBe(0);
    });
  }

  for (const [i, block] of blocks.entries()) {
    for (const format of ['mjs', 'cjs'] as const) {
      it(`block ${i + 1} (${where(block)}) runs as ${format === 'mjs' ? 'an ES module' : 'CommonJS'} and prints what the README says`, () => {
        let stdout: string;
        try {
          stdout = execFileSync(process.execPath, [join(out, `${block.name}.${format}`)], { cwd: join(out, 'run'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        } catch (error) {
          throw new Error(`${where(block)} failed: ${(error as { stderr?: string }).stderr ?? error}`);
        }
        const printed = stdout.split('\n');
        if (printed[printed.length - 1] === '') printed.pop();
        expect(printed, `${where(block)}: what it printed, against its //> comments`).toEqual(block.expected);
      });
    }
  }
});
