/**
 * The file panel: pick a file, type a password, and get back what `openssl enc -pbkdf2` would
 * write (or read), as a download. The file is read, encrypted and offered back inside the page.
 */
import { DesError } from '../index.js';
import { byId, h } from './dom.js';
import { decryptEnc, encryptEnc, looksLikeEnc, opensslCommand } from './openssl-enc.js';
import type { CipherName } from './openssl-enc.js';

type Direction = 'encrypt' | 'decrypt';

function outputName(input: string, direction: Direction): string {
  if (direction === 'encrypt') return `${input}.enc`;
  const stripped = input.replace(/\.(enc|des3|des)$/i, '');
  return stripped !== input && stripped ? stripped : `${input}.dec`;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function explain(error: unknown): string {
  if (error instanceof DesError && error.code === 'ERR_OSSL_BAD_DECRYPT') {
    return 'Bad decrypt: the password, the cipher or the iteration count is not the one the file was made with, or the file is damaged.';
  }
  return error instanceof Error ? error.message : String(error);
}

export function setupFilePanel(): void {
  const fileInput = byId<HTMLInputElement>('file-input');
  const password = byId<HTMLInputElement>('password');
  const cipher = byId<HTMLSelectElement>('cipher');
  const iterations = byId<HTMLInputElement>('iterations');
  const buttons = [byId<HTMLButtonElement>('encrypt'), byId<HTMLButtonElement>('decrypt')];
  const status = byId<HTMLElement>('file-status');
  const result = byId<HTMLElement>('file-result');
  let url: string | null = null;

  const say = (text: string, kind: 'info' | 'error' | 'ok' = 'info') => {
    status.textContent = text;
    status.className = `status ${kind}`;
  };

  // Suggest the direction from the file itself: openssl enc files start with "Salted__".
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    const head = new Uint8Array(await file.slice(0, 24).arrayBuffer());
    say(looksLikeEnc(head)
      ? `${file.name} (${size(file.size)}) starts with "Salted__": it looks like an openssl enc file to decrypt.`
      : `${file.name} (${size(file.size)}) is ready to encrypt.`);
  });

  const run = async (direction: Direction) => {
    const file = fileInput.files?.[0];
    if (!file) return say('Choose a file first.', 'error');
    if (!password.value) return say('Type a password first.', 'error');
    const options = { cipher: cipher.value as CipherName, iterations: Number(iterations.value) };
    if (!Number.isInteger(options.iterations) || options.iterations < 1) return say('Iterations must be a positive whole number.', 'error');

    buttons.forEach((b) => (b.disabled = true));
    result.replaceChildren();
    if (url) URL.revokeObjectURL(url);
    url = null;
    say(`${direction === 'encrypt' ? 'Encrypting' : 'Decrypting'} ${file.name} (PBKDF2-SHA256, ${options.iterations} iterations, then ${options.cipher})…`);
    try {
      const input = new Uint8Array(await file.arrayBuffer());
      const started = performance.now();
      const output = direction === 'encrypt'
        ? await encryptEnc(input, password.value, options)
        : await decryptEnc(input, password.value, options);
      const ms = performance.now() - started;
      const name = outputName(file.name, direction);
      // The engine returns ordinary (not shared) ArrayBuffer-backed bytes.
      url = URL.createObjectURL(new Blob([output as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
      const other = direction === 'encrypt' ? 'decrypt' : 'encrypt';
      result.replaceChildren(
        h('a', { id: 'download', class: 'button primary', href: url, download: name }, `Download ${name}`),
        h('span', { class: 'muted' }, ` ${size(output.length)}`),
        h('p', { class: 'muted' }, direction === 'encrypt' ? 'To decrypt it with OpenSSL:' : 'OpenSSL does the same with:'),
        h('pre', { class: 'command' }, direction === 'encrypt'
          ? opensslCommand(other, name, file.name, options)
          : opensslCommand(direction, file.name, name, options)));
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
