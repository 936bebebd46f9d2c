/**
 * des-wasm in a real browser: Debian's headless Chromium (/usr/bin/chromium, driven by
 * playwright-core; never a downloaded browser) loads pages from a node:http server on 127.0.0.1
 * started here. Where the truth comes from:
 *
 *   - the package's ESM build (dist/index.js), once through a plain <script type="module"> and
 *     once bundled by esbuild from an entry that imports 'des-wasm' (platform browser): FIPS 81
 *     Appendix B's CBC example; a 1 MiB Triple-DES-CBC round trip whose ciphertext hash must be
 *     node:crypto's; the KCV 08D7B4 of 0123456789ABCDEFFEDCBA9876543210; engineInfo(), printed;
 *   - the "DES illustrated" page (scripts/web-build.mjs): the values J. Orlin Grabbe's article
 *     "The DES Algorithm Illustrated" prints for K = 133457799BBCDFF1, M = 0123456789ABCDEF;
 *   - its file panel: OpenSSL itself (`openssl enc`, with -pbkdf2 or EVP_BytesToKey, binary or
 *     base64) decrypts what the page makes, running the command the page shows, and makes what the
 *     page decrypts; crypto-js does the same for its base64 strings;
 *   - at 390 px wide (a phone): no sideways scroll, with every round open.
 *
 * Needs `npm run build` (dist/). Skipped, with a message, only where /usr/bin/chromium is absent
 * (CI installs it: apt-get install -y chromium). Screenshots go to .test-output/browser/;
 * UPDATE_SCREENSHOT=1 also writes docs/des-illustrated.png for the README.
 */
import { execFileSync } from 'node:child_process';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import CryptoJS from 'crypto-js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.test-output', 'browser');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`browser tests SKIPPED: ${CHROMIUM} is absent (install it with: apt-get install -y chromium)`);
}

/** What the page-side checks use, and node:crypto's answer for the same 1 MiB round trip. */
const TDES_KEY = '0123456789abcdeffedcba987654321089abcdef01234567';
const TDES_IV = 'fedcba9876543210';
const MIB = 1 << 20;
function pattern(n: number): Uint8Array {
  const data = new Uint8Array(n);
  for (let i = 0; i < n; i++) data[i] = (i * 131 + (i >>> 8)) & 0xff;
  return data;
}

/**
 * The checks that run inside the page, as an ES module. `lib` is the package, however it was
 * loaded; the one `await lib.ready()` is all a browser needs before using it.
 */
const CHECKS_JS = `
const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const unhex = (text) => Uint8Array.from(text.match(/../g), (pair) => parseInt(pair, 16));
// The smallest module with a v128 instruction: does this browser have WebAssembly SIMD?
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0,
  253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11]);

export async function run(lib) {
  await lib.ready();
  // FIPS 81 Appendix B, Table B2 (CBC): key 0123456789abcdef, IV 1234567890abcdef.
  const fips81 = lib.des.cbc(unhex('0123456789abcdef'), unhex('1234567890abcdef'), { padding: 'none' })
    .encrypt(new TextEncoder().encode('Now is the time for all '));
  // 1 MiB of Triple-DES-CBC (PKCS #7) there and back.
  const data = new Uint8Array(${MIB});
  for (let i = 0; i < data.length; i++) data[i] = (i * 131 + (i >>> 8)) & 0xff;
  const cipher = lib.tdes.cbc(unhex('${TDES_KEY}'), unhex('${TDES_IV}'));
  const started = performance.now();
  const ciphertext = cipher.encrypt(data);
  const back = cipher.decrypt(ciphertext);
  const ms = performance.now() - started;
  cipher.destroy();
  return {
    fips81: hex(fips81),
    roundTrip: back.length === data.length && back.every((b, i) => b === data[i]),
    ciphertextLength: ciphertext.length,
    ciphertextSha256: hex(new Uint8Array(await crypto.subtle.digest('SHA-256', ciphertext))),
    roundTripMs: Math.round(ms),
    kcv: hex(lib.kcv(unhex('0123456789ABCDEFFEDCBA9876543210'))).toUpperCase(),
    // createCipheriv as the portable entry has it: update() gives a Uint8Array, and no stream.
    cipheriv: ((c) => ({ out: hex(c.update(unhex('${TDES_IV}'))), stream: typeof c.pipe }))(
      lib.createCipheriv('des-ede3-cbc', unhex('${TDES_KEY}'), unhex('${TDES_IV}'))),
    engine: lib.engineInfo(),
    browserHasSimd: WebAssembly.validate(SIMD_PROBE),
  };
}
`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.map': 'application/json', '.wasm': 'application/wasm',
};

/** A tiny static server for the repository's dist/ and this test's output, on 127.0.0.1 only. */
function serve(): Promise<{ server: Server; base: string }> {
  const allowed = [join(root, 'dist') + sep, out + sep];
  const server = createServer((request, response) => {
    let file = '';
    let ok = false;
    try {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
      file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
      ok = allowed.some((prefix) => file.startsWith(prefix)) && statSync(file).isFile();
    } catch {
      ok = false;
    }
    if (!ok) { response.writeHead(404).end(); return; }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  }));
}

/** A page that records its errors, so a failure says what the browser said. */
async function openPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(`console: ${message.text()}`); });
  return { page, errors };
}

interface CheckResult {
  fips81: string; roundTrip: boolean; ciphertextLength: number; ciphertextSha256: string; roundTripMs: number;
  kcv: string; cipheriv: { out: string; stream: string }; engine: { simd: boolean; memoryBytes: number; dataRegionBytes: number }; browserHasSimd: boolean;
  error?: string;
}

async function runChecks(context: BrowserContext, url: string, how: string): Promise<CheckResult> {
  const { page, errors } = await openPage(context);
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { result?: unknown }).result, null, { timeout: 30_000 })
    .catch(() => { throw new Error(`${how}: the page never reported (${errors.join('; ') || 'no errors'})`); });
  const result = await page.evaluate(() => (window as unknown as { result: CheckResult }).result);
  await page.close();
  expect(result.error, `${how}: the checks threw`).toBeUndefined();
  expect(errors, `${how}: the page logged errors`).toEqual([]);
  console.log(`${how}: engineInfo() = ${JSON.stringify(result.engine)}; browser has WebAssembly SIMD: ${result.browserHasSimd}; ` +
    `1 MiB 3DES-CBC there and back in ${result.roundTripMs} ms`);
  return result;
}

function expectChecks(result: CheckResult): void {
  // FIPS 81 Appendix B, CBC.
  expect(result.fips81).toBe('e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6');
  // The same 1 MiB under node:crypto (OpenSSL): same ciphertext, and it came back.
  const node = createCipheriv('des-ede3-cbc', Buffer.from(TDES_KEY, 'hex'), Buffer.from(TDES_IV, 'hex'));
  const expected = Buffer.concat([node.update(pattern(MIB)), node.final()]);
  expect(result.ciphertextLength).toBe(expected.length);
  expect(result.ciphertextSha256).toBe(createHash('sha256').update(expected).digest('hex'));
  expect(result.roundTrip).toBe(true);
  // The legacy key check value: the first 3 bytes of E_K(0).
  expect(result.kcv).toBe('08D7B4');
  const one = createCipheriv('des-ede3-cbc', Buffer.from(TDES_KEY, 'hex'), Buffer.from(TDES_IV, 'hex'));
  expect(result.cipheriv).toEqual({ out: one.update(Buffer.from(TDES_IV, 'hex')).toString('hex'), stream: 'undefined' });
  // engineInfo() as the browser sees it. The SIMD claim is checked only when the engine makes it.
  expect(typeof result.engine.simd).toBe('boolean');
  expect(result.engine.memoryBytes).toBeGreaterThan(0);
  expect(result.engine.dataRegionBytes).toBeGreaterThan(0);
  expect(result.engine.dataRegionBytes).toBeLessThanOrEqual(result.engine.memoryBytes);
  if (result.engine.simd) expect(result.browserHasSimd, 'engineInfo() says SIMD, but the browser has none').toBe(true);
}

function page(body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>des-wasm</title></head>` +
    `<body>${body}</body></html>`;
}

const REPORT = `window.result = await run(lib).catch((error) => ({ error: String(error && error.stack || error) }));`;

describe.skipIf(!hasChromium)(`in headless Chromium${hasChromium ? '' : ` (SKIPPED: ${CHROMIUM} is absent)`}`, () => {
  let browser: Browser;
  let context: BrowserContext;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    if (!existsSync(join(root, 'dist/index.js'))) throw new Error('dist/index.js is missing: run `npm run build` first');
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'checks.js'), CHECKS_JS);
    // The illustrated page, built the way `npm run web` builds it.
    execFileSync(process.execPath, [join(root, 'scripts/web-build.mjs')], { cwd: root, stdio: 'pipe' });
    ({ server, base } = await serve());
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    // playwright-core gives each context a fresh, empty profile (its own user data directory).
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  describe('the package', () => {
    it('loads its ESM build with a plain <script type="module"> and passes FIPS 81, 1 MiB 3DES-CBC and the KCV', async () => {
      writeFileSync(join(out, 'module.html'), page(
        `<script type="module">import * as lib from '/dist/index.js'; import { run } from './checks.js'; ${REPORT}</script>`));
      expectChecks(await runChecks(context, `${base}/.test-output/browser/module.html`, '<script type="module">'));
    });

    it('works bundled by esbuild from an entry that imports "des-wasm" (platform browser, no Node built-ins)', async () => {
      // A project with des-wasm installed: node_modules/des-wasm is this repository.
      const project = join(out, 'bundler');
      mkdirSync(join(project, 'node_modules'), { recursive: true });
      const link = join(project, 'node_modules', 'des-wasm');
      symlinkSync(root, link, 'dir');
      writeFileSync(join(project, 'entry.js'), `import * as lib from 'des-wasm';\nimport { run } from '../checks.js';\n${REPORT}\n`);
      const result = await build({
        absWorkingDir: project, entryPoints: ['entry.js'], outfile: 'bundle.js', bundle: true, format: 'esm',
        platform: 'browser', target: 'es2022', minify: true, metafile: true, logLevel: 'silent',
      }).finally(() => rmSync(link));   // no loop from .test-output back to the repository for tools that walk it
      // The "import" condition (dist/index.js, the portable entry), which takes its core from
      // dist/node.js: that file imports no Node built-in (platform browser would refuse one), and
      // the checks below see the portable createCipheriv (no stream, no Buffer).
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.some((path) => /(^|\/)dist\/index\.js$/.test(path)), inputs.join(', ')).toBe(true);
      writeFileSync(join(project, 'index.html'), page('<script type="module" src="./bundle.js"></script>'));
      expectChecks(await runChecks(context, `${base}/.test-output/browser/bundler/index.html`, 'esbuild bundle'));
    });
  });

  describe('the "DES illustrated" page', () => {
    /** Grabbe's article, for K = 133457799BBCDFF1 and M = 0123456789ABCDEF, grouped as it prints them. */
    const ARTICLE: Record<string, string> = {
      'K': '00010011 00110100 01010111 01111001 10011011 10111100 11011111 11110001',
      'K+': '1111000 0110011 0010101 0101111 0101010 1011001 1001111 0001111',
      'C0 grouped': '1111000 0110011 0010101 0101111',
      'D0 grouped': '0101010 1011001 1001111 0001111',
      'C1': '1110000110011001010101011111',
      'D1': '1010101011001100111100011110',
      'C16': '1111000011001100101010101111',
      'D16': '0101010101100110011110001111',
      'K1': '000110 110000 001011 101111 111111 000111 000001 110010',
      'K2': '011110 011010 111011 011001 110110 111100 100111 100101',
      'K16': '110010 110011 110110 001011 000011 100001 011111 110101',
      'M': '0000 0001 0010 0011 0100 0101 0110 0111 1000 1001 1010 1011 1100 1101 1110 1111',
      'IP': '1100 1100 0000 0000 1100 1100 1111 1111 1111 0000 1010 1010 1111 0000 1010 1010',
      'L0': '1100 1100 0000 0000 1100 1100 1111 1111',
      'R0': '1111 0000 1010 1010 1111 0000 1010 1010',
      'round 1: E(R0)': '011110 100001 010101 010101 011110 100001 010101 010101',
      'round 1: K1+E(R0)': '011000 010001 011110 111010 100001 100110 010100 100111',
      'round 1: S(B)': '0101 1100 1000 0010 1011 0101 1001 0111',
      'round 1: f': '0010 0011 0100 1010 1010 1001 1011 1011',
      'round 1: R1': '1110 1111 0100 1010 0110 0101 0100 0100',
      'L16': '0100 0011 0100 0010 0011 0010 0011 0100',
      'R16': '0000 1010 0100 1100 1101 1001 1001 0101',
      'R16L16': '00001010 01001100 11011001 10010101 01000011 01000010 00110010 00110100',
      'IP-1': '10000101 11101000 00010011 01010100 00001111 00001010 10110100 00000101',
    };

    const value = (page: Page, name: string) => page.locator(`[data-name="${name}"] code`);
    const result = (page: Page) => page.locator('[data-name="result"] .result-hex');

    it('shows the article\'s values for its key and block, on screen, and a screenshot', async () => {
      const { page, errors } = await openPage(context);
      await page.goto(`${base}/dist/web/`);
      await page.waitForSelector('html[data-ready="true"]');
      expect(await page.inputValue('#key')).toBe('133457799BBCDFF1');
      expect(await page.inputValue('#block')).toBe('0123456789ABCDEF');
      for (const [name, bits] of Object.entries(ARTICLE)) {
        expect(await value(page, name).textContent(), name).toBe(bits);
        expect(await value(page, name).isVisible(), `${name} is on screen`).toBe(true);
      }
      expect(await result(page).textContent()).toBe('85E813540F0AB405');
      expect(await result(page).isVisible()).toBe(true);
      expect(await page.locator('.badge.ok').isVisible(), 'the engine agrees with the reference').toBe(true);
      // Round 1 is laid out in full; rounds 2 … 16 are folded, with Ln and Rn in their summaries.
      expect(await page.locator('details.round').count()).toBe(16);
      expect(await page.locator('details.round[open]').count()).toBe(1);

      await page.screenshot({ path: join(out, 'des-illustrated.png'), fullPage: true });
      if (process.env.UPDATE_SCREENSHOT) {
        mkdirSync(join(root, 'docs'), { recursive: true });
        copyFileSync(join(out, 'des-illustrated.png'), join(root, 'docs', 'des-illustrated.png'));
      }

      // The inputs drive the walk: FIPS 81's ECB example ("Now is t"), then back by decryption.
      await page.fill('#key', '0123456789abcdef');
      await page.fill('#block', '4e6f772069732074');
      expect(await result(page).textContent()).toBe('3FA40E8A984D4815');
      await page.fill('#block', '3FA40E8A984D4815');
      await page.check('input[name="direction"][value="decrypt"]');
      expect(await result(page).textContent()).toBe('4E6F772069732074');
      expect(await page.locator('.badge.ok').isVisible()).toBe(true);
      // A bad block says why and leaves the last walk on screen, faded and marked as out of date.
      const trace = page.locator('#trace');
      const opacity = () => trace.evaluate((e) => Number(getComputedStyle(e).opacity));
      expect(await trace.getAttribute('data-stale')).toBe('false');
      expect(await opacity()).toBe(1);
      expect(await page.locator('#stale-note').isVisible()).toBe(false);
      await page.fill('#block', '3FA40E8A984D48');
      expect(await page.locator('#input-error').textContent()).toBe('Block: expected 16 hex digits (64 bits), got 14');
      expect(await result(page).textContent()).toBe('4E6F772069732074');
      expect(await trace.getAttribute('data-stale')).toBe('true');
      expect(await opacity()).toBeLessThan(0.5);
      expect(await page.locator('#stale-note').textContent()).toBe('Out of date: the walk below is for the last valid key and block.');
      expect(await page.locator('#stale-note').isVisible()).toBe(true);
      await page.click('#example');
      expect(await result(page).textContent()).toBe('85E813540F0AB405');
      expect(await trace.getAttribute('data-stale')).toBe('false');
      expect(await opacity()).toBe(1);
      expect(await page.locator('#stale-note').isVisible()).toBe(false);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('asks for the password twice to encrypt; makes files that openssl enc and crypto-js decrypt, and decrypts theirs (PBKDF2 and EVP_BytesToKey, binary and base64)', async () => {
      const files = join(out, 'files');
      const downloads = join(files, 'downloads');
      mkdirSync(downloads, { recursive: true });
      const plaintext = randomBytes(200_003);                 // not a whole number of blocks
      writeFileSync(join(files, 'plain.bin'), plaintext);
      const password = 'correct horse · батарея 🐎';          // UTF-8, as OpenSSL reads it from argv
      const openssl = (args: string[], cwd = files) => execFileSync('openssl', args, { cwd, stdio: 'pipe' });

      const { page, errors } = await openPage(context);
      await page.goto(`${base}/dist/web/#files`);
      await page.waitForSelector('html[data-ready="true"]');
      await page.fill('#password', password);

      // Encrypting asks for the password twice.
      await page.setInputFiles('#file-input', join(files, 'plain.bin'));
      await page.click('#encrypt');
      expect(await page.locator('#file-status.error').textContent()).toBe('Type the password again, to be sure of it, to encrypt.');
      await page.fill('#password-again', `${password}!`);
      await page.click('#encrypt');
      expect(await page.locator('#file-status.error').textContent()).toBe('The two passwords differ: type the same password twice to encrypt.');
      expect(await page.locator('#download').count()).toBe(0);
      await page.fill('#password-again', password);

      const runPanel = async (file: string, button: '#encrypt' | '#decrypt') => {
        await page.setInputFiles('#file-input', file);
        await page.click(button);
        const link = page.locator('#download');
        await link.waitFor({ timeout: 20_000 }).catch(async () => {
          throw new Error(`no download link; the page says: ${await page.locator('#file-status').textContent()}`);
        });
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        const saved = join(downloads, download.suggestedFilename());
        await download.saveAs(saved);
        return { saved, command: (await page.locator('pre.command').textContent())!.split(' ') };
      };

      // Page → OpenSSL, for each cipher the page offers; run the very command the page shows.
      for (const cipher of ['des-ede3-cbc', 'des-ede-cbc', 'des-cbc']) {
        await page.selectOption('#cipher', cipher);
        const { saved, command } = await runPanel(join(files, 'plain.bin'), '#encrypt');
        expect(saved.endsWith('plain.bin.enc')).toBe(true);
        const file = readFileSync(saved);
        expect(file.subarray(0, 8).toString('latin1')).toBe('Salted__');
        expect(file.length).toBe(16 + plaintext.length + 8 - (plaintext.length % 8));
        expect(command.slice(0, 3)).toEqual(['openssl', 'enc', '-d']);
        expect(command).toContain(`-${cipher}`);
        rmSync(join(downloads, 'plain.bin'), { force: true });
        openssl([...command.slice(1), '-pass', `pass:${password}`], downloads);
        expect(readFileSync(join(downloads, 'plain.bin')).equals(plaintext), `${cipher}: OpenSSL got the plaintext back`).toBe(true);
      }

      // OpenSSL → page, with the defaults (des-ede3-cbc, SHA-256, 10000 iterations, a random salt).
      await page.selectOption('#cipher', 'des-ede3-cbc');
      openssl(['enc', '-e', '-des-ede3-cbc', '-pbkdf2', '-pass', `pass:${password}`, '-in', 'plain.bin', '-out', 'from-openssl.enc']);
      const { saved } = await runPanel(join(files, 'from-openssl.enc'), '#decrypt');
      expect(saved.endsWith('from-openssl')).toBe(true);
      expect(readFileSync(saved).equals(plaintext), 'the page got the plaintext back').toBe(true);

      // A wrong password is refused, as OpenSSL refuses it ("bad decrypt"). About 1 wrong password
      // in 256 happens to leave valid padding, so take one that OpenSSL itself refuses for this file.
      const wrong = ['not the password', 'still not it', 'wrong again', 'nope'].find((guess) => {
        try { openssl(['enc', '-d', '-des-ede3-cbc', '-pbkdf2', '-pass', `pass:${guess}`, '-in', 'from-openssl.enc', '-out', '/dev/null']); return false; } catch { return true; }
      })!;
      await page.fill('#password', wrong);
      await page.click('#decrypt');
      await page.locator('#file-status.error').waitFor();
      expect(await page.locator('#file-status').textContent()).toMatch(/^Bad decrypt/);
      expect(await page.locator('#download').count()).toBe(0);
      await page.fill('#password', password);

      // Base64, EVP_BytesToKey: page → openssl enc -a (the command shown), and openssl enc -a (64-character lines) → page.
      await page.selectOption('#kdf', 'evp');
      await page.check('#base64');
      const b64 = await runPanel(join(files, 'plain.bin'), '#encrypt');
      expect(b64.saved.endsWith('plain.bin.b64')).toBe(true);
      expect(readFileSync(b64.saved, 'latin1')).toMatch(/^U2FsdGVkX1[A-Za-z0-9+/]+=*\n$/);
      expect(b64.command).toEqual(['openssl', 'enc', '-d', '-a', '-A', '-des-ede3-cbc', '-md', 'sha256', '-in', 'plain.bin.b64', '-out', 'plain.bin']);
      rmSync(join(downloads, 'plain.bin'), { force: true });
      openssl([...b64.command.slice(1), '-pass', `pass:${password}`], downloads);
      expect(readFileSync(join(downloads, 'plain.bin')).equals(plaintext), 'OpenSSL read the page\'s base64').toBe(true);
      openssl(['enc', '-e', '-a', '-des-ede3-cbc', '-md', 'sha256', '-pass', `pass:${password}`, '-in', 'plain.bin', '-out', 'lines.enc']);
      const lines = await runPanel(join(files, 'lines.enc'), '#decrypt');
      expect(readFileSync(lines.saved).equals(plaintext), 'the page read openssl -a').toBe(true);
      expect(lines.command.slice(0, 4)).toEqual(['openssl', 'enc', '-d', '-a']);
      expect(lines.command[4]).toBe('-des-ede3-cbc');

      // crypto-js: its settings (EVP_BytesToKey, MD5, base64), both ways, with CryptoJS.TripleDES itself.
      await page.click('#crypto-js');
      expect(await page.inputValue('#kdf')).toBe('evp');
      expect(await page.inputValue('#md')).toBe('md5');
      expect(await page.isChecked('#base64')).toBe(true);
      const text = 'Text that crypto-js encrypts: ünïcödé, 🐎, and more than one block.';
      writeFileSync(join(files, 'note.txt'), text);
      const ours = await runPanel(join(files, 'note.txt'), '#encrypt');
      expect(CryptoJS.TripleDES.decrypt(readFileSync(ours.saved, 'latin1').trim(), password).toString(CryptoJS.enc.Utf8)).toBe(text);
      writeFileSync(join(files, 'from-crypto-js.b64'), CryptoJS.TripleDES.encrypt(text, password).toString());
      const theirs = await runPanel(join(files, 'from-crypto-js.b64'), '#decrypt');
      expect(theirs.saved.endsWith('from-crypto-js')).toBe(true);
      expect(readFileSync(theirs.saved, 'utf8')).toBe(text);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('at 390 px wide (a phone) the page never scrolls sideways, with every round open', async () => {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      const { page, errors } = await openPage(phone);
      await page.goto(`${base}/dist/web/`);
      await page.waitForSelector('html[data-ready="true"]');
      await page.locator('button[data-action="expand"]').click();
      expect(await page.locator('details.round[open]').count()).toBe(16);
      const widths = async () => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
      expect(await widths()).toEqual({ scroll: 390, view: 390 });
      await page.fill('#key', 'FFFFFFFFFFFFFFFF');           // wide digits, and a walk built anew
      expect((await widths()).scroll).toBe(390);
      await page.goto(`${base}/dist/web/#files`);
      await page.waitForSelector('html[data-ready="true"]');
      expect((await widths()).scroll).toBe(390);
      await page.screenshot({ path: join(out, 'des-illustrated-390.png'), fullPage: false });
      expect(errors).toEqual([]);
      await phone.close();
    });
  });
});
