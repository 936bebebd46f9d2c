/**
 * The file panel: pick a file, type a password (twice to encrypt), and get back what `openssl enc`
 * or crypto-js would write (or read), as a download. Everything goes through the library's
 * `openssl.encrypt` / `openssl.decrypt` (src/openssl.ts), in the page: PBKDF2 or EVP_BytesToKey,
 * binary or base64. A file to decrypt that is base64 text ("U2FsdGVkX1…", what `openssl enc -a`
 * and crypto-js write) is recognised as such.
 */
import { DesError, openssl } from '../index.js';
import type { OpensslDigest, OpensslKdf } from '../index.js';
import { byId, h } from './dom.js';

type Direction = 'encrypt' | 'decrypt';

interface Settings {
  cipher: string;
  kdf: OpensslKdf;
  md: OpensslDigest;
  iter: number;
  /** Base64, on one line (crypto-js, `openssl enc -a -A`) or in lines (`openssl enc -a`). */
  base64: false | 'one line' | 'lines';
}

const DEFAULT_ITERATIONS = 10_000;
const SALTED = 'Salted__';
/** "Salted__" in base64 starts with these 8 characters (the 9th depends on the salt). */
const SALTED_BASE64 = 'U2FsdGVk';

/** What a file starts with: the binary format, its base64, or neither. */
function formatOf(head: Uint8Array): 'binary' | 'base64' | null {
  const text = String.fromCharCode(...head.subarray(0, 8));
  if (text === SALTED) return 'binary';
  if (text === SALTED_BASE64) return 'base64';
  return null;
}

function outputName(input: string, direction: Direction, base64: boolean): string {
  if (direction === 'encrypt') return `${input}${base64 ? '.b64' : '.enc'}`;
  const stripped = input.replace(/\.(enc|b64|des3|des)$/i, '');
  return stripped !== input && stripped ? stripped : `${input}.dec`;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function explain(error: unknown): string {
  if (error instanceof DesError && error.code === 'ERR_OSSL_BAD_DECRYPT') {
    return 'Bad decrypt: the password, the cipher, the key derivation or the iteration count is not the one the file was made with, or the file is damaged.';
  }
  return error instanceof Error ? error.message : String(error);
}

/** How the settings read to a person: "PBKDF2-HMAC-SHA256, 10000 iterations". */
function describeKdf({ kdf, md, iter }: Settings): string {
  return kdf === 'pbkdf2' ? `PBKDF2-HMAC-${md.toUpperCase()}, ${iter} iterations` : `EVP_BytesToKey with ${md.toUpperCase()}`;
}

/** The `openssl enc` command that does the same thing, for the page to show. */
export function opensslCommand(direction: Direction, input: string, output: string, s: Settings): string {
  return [
    'openssl enc', direction === 'encrypt' ? '-e' : '-d',
    s.base64 === 'one line' ? '-a -A' : s.base64 === 'lines' ? '-a' : '',
    s.cipher === 'des-cbc' ? '-provider legacy -provider default' : '',
    `-${s.cipher}`,
    s.kdf === 'pbkdf2' ? '-pbkdf2' : '',
    s.kdf === 'pbkdf2' && s.iter !== DEFAULT_ITERATIONS ? `-iter ${s.iter}` : '',
    `-md ${s.md}`,
    `-in ${shellQuote(input)} -out ${shellQuote(output)}`,
  ].filter(Boolean).join(' ');
}

function shellQuote(name: string): string {
  return /^[\w.\-/]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}

export function setupFilePanel(): void {
  const fileInput = byId<HTMLInputElement>('file-input');
  const password = byId<HTMLInputElement>('password');
  const passwordAgain = byId<HTMLInputElement>('password-again');
  const cipher = byId<HTMLSelectElement>('cipher');
  const kdf = byId<HTMLSelectElement>('kdf');
  const md = byId<HTMLSelectElement>('md');
  const iterations = byId<HTMLInputElement>('iterations');
  const base64 = byId<HTMLInputElement>('base64');
  const buttons = [byId<HTMLButtonElement>('encrypt'), byId<HTMLButtonElement>('decrypt')];
  const status = byId<HTMLElement>('file-status');
  const result = byId<HTMLElement>('file-result');
  let url: string | null = null;

  const say = (text: string, kind: 'info' | 'error' | 'ok' = 'info') => {
    status.textContent = text;
    status.className = `status ${kind}`;
  };
  // Iterations count only for PBKDF2.
  const syncKdf = () => { iterations.disabled = kdf.value !== 'pbkdf2'; };
  kdf.addEventListener('change', syncKdf);
  syncKdf();
  byId<HTMLButtonElement>('crypto-js').addEventListener('click', () => {
    kdf.value = 'evp';
    md.value = 'md5';
    base64.checked = true;
    syncKdf();
    say('crypto-js\'s settings: EVP_BytesToKey with MD5, base64 (CryptoJS.TripleDES: des-ede3-cbc; CryptoJS.DES: des-cbc).');
  });

  // Suggest the direction from the file itself: openssl enc files start with "Salted__", or its base64.
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    const format = formatOf(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
    say(format
      ? `${file.name} (${size(file.size)}) starts with ${format === 'binary' ? '"Salted__"' : '"U2FsdGVk", "Salted__" in base64'}: it looks like a file to decrypt.`
      : `${file.name} (${size(file.size)}) is ready to encrypt.`);
  });

  const run = async (direction: Direction) => {
    const file = fileInput.files?.[0];
    if (!file) return say('Choose a file first.', 'error');
    if (!password.value) return say('Type a password first.', 'error');
    if (direction === 'encrypt' && password.value !== passwordAgain.value) {
      return say(passwordAgain.value ? 'The two passwords differ: type the same password twice to encrypt.' : 'Type the password again, to be sure of it, to encrypt.', 'error');
    }
    const settings: Settings = {
      cipher: cipher.value, kdf: kdf.value as OpensslKdf, md: md.value as OpensslDigest,
      iter: Number(iterations.value), base64: base64.checked ? 'one line' : false,
    };
    if (settings.kdf === 'pbkdf2' && (!Number.isSafeInteger(settings.iter) || settings.iter < 1)) {
      return say('Iterations must be a positive whole number.', 'error');
    }
    const options = { cipher: settings.cipher, kdf: settings.kdf, md: settings.md, ...(settings.kdf === 'pbkdf2' ? { iter: settings.iter } : {}) };

    buttons.forEach((b) => (b.disabled = true));
    result.replaceChildren();
    if (url) URL.revokeObjectURL(url);
    url = null;
    try {
      const input = new Uint8Array(await file.arrayBuffer());
      // Read base64 files as base64, whatever the checkbox says (it is about what encryption writes).
      if (direction === 'decrypt') {
        const text = formatOf(input) === 'base64';
        const lineBreak = input.indexOf(0x0a);
        settings.base64 = !text ? false : lineBreak >= 0 && lineBreak < input.length - 2 ? 'lines' : 'one line';
      }
      say(`${direction === 'encrypt' ? 'Encrypting' : 'Decrypting'} ${file.name} (${describeKdf(settings)}, then ${settings.cipher})…`);
      await new Promise((resolve) => setTimeout(resolve));          // let the status show before the work
      const started = performance.now();
      const output = direction === 'encrypt'
        ? (settings.base64
          ? new TextEncoder().encode(openssl.encrypt(input, password.value, { ...options, base64: true }) + '\n')
          : openssl.encrypt(input, password.value, options))
        : openssl.decrypt(input, password.value, { ...options, base64: settings.base64 !== false });
      const ms = performance.now() - started;
      const name = outputName(file.name, direction, settings.base64 !== false);
      // The library returns ordinary (not shared) ArrayBuffer-backed bytes.
      url = URL.createObjectURL(new Blob([output as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
      result.replaceChildren(
        h('a', { id: 'download', class: 'button primary', href: url, download: name }, `Download ${name}`),
        h('span', { class: 'muted' }, ` ${size(output.length)}`),
        h('p', { class: 'muted' }, direction === 'encrypt' ? 'To decrypt it with OpenSSL:' : 'OpenSSL does the same with:'),
        h('pre', { class: 'command' }, direction === 'encrypt'
          ? opensslCommand('decrypt', name, file.name, settings)
          : opensslCommand('decrypt', file.name, name, settings)));
      say(`${direction === 'encrypt' ? 'Encrypted' : 'Decrypted'} ${size(input.length)} in ${ms.toFixed(0)} ms.`, 'ok');
    } catch (error) {
      say(explain(error), 'error');
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  };

  byId<HTMLFormElement>('file-form').addEventListener('submit', (event) => event.preventDefault());
  buttons[0].addEventListener('click', () => void run('encrypt'));
  buttons[1].addEventListener('click', () => void run('decrypt'));
}
