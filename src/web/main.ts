/**
 * The "DES illustrated" page: a key and a block in, Grabbe's whole walk out (./illustrated.ts),
 * and a panel that encrypts and decrypts files in the `openssl enc` format (./file-panel.ts).
 * Everything runs in the page; nothing is sent anywhere.
 */
import { des, ready, trace } from '../index.js';
import { byId } from './dom.js';
import { setupFilePanel } from './file-panel.js';
import { renderTrace } from './illustrated.js';
import type { Direction } from './illustrated.js';

/** The article's worked example. */
const EXAMPLE = { key: '133457799BBCDFF1', block: '0123456789ABCDEF' };

/** 16 hex digits (spaces allowed) to 8 bytes, or a message that says what is wrong. */
function parseBlock(text: string, what: string): Uint8Array | string {
  const digits = text.replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(digits)) return `${what}: only hex digits 0-9 and A-F, please`;
  if (digits.length !== 16) return `${what}: expected 16 hex digits (64 bits), got ${digits.length}`;
  return Uint8Array.from({ length: 8 }, (_, i) => parseInt(digits.slice(2 * i, 2 * i + 2), 16));
}

function setupWalk(): void {
  const keyInput = byId<HTMLInputElement>('key');
  const blockInput = byId<HTMLInputElement>('block');
  const error = byId<HTMLElement>('input-error');
  const output = byId<HTMLElement>('trace');
  const staleNote = byId<HTMLElement>('stale-note');

  const update = () => {
    const key = parseBlock(keyInput.value, 'Key');
    const block = parseBlock(blockInput.value, 'Block');
    keyInput.setAttribute('aria-invalid', String(typeof key === 'string'));
    blockInput.setAttribute('aria-invalid', String(typeof block === 'string'));
    const problems = [key, block].filter((v): v is string => typeof v === 'string');
    error.textContent = problems.join(' · ');
    error.hidden = problems.length === 0;
    // An invalid input leaves the last good walk on screen, faded and marked as out of date.
    output.dataset.stale = String(problems.length > 0);
    staleNote.hidden = problems.length === 0;
    if (typeof key === 'string' || typeof block === 'string') return;

    const direction = (document.querySelector('input[name="direction"]:checked') as HTMLInputElement).value as Direction;
    const walk = trace(key, block, direction === 'decrypt');
    // The readable reference and the fast engine are separate code: show that they agree.
    const cipher = des.ecb(key, { padding: 'none' });
    const fast = direction === 'encrypt' ? cipher.encrypt(block) : cipher.decrypt(block);
    cipher.destroy();
    const agrees = fast.every((byte, i) => byte === walk.result[i]);
    const open = new Set([...output.querySelectorAll('details.round[open]')].map((d) => (d as HTMLElement).dataset.round));
    output.replaceChildren(renderTrace(walk, direction, agrees));
    // Keep the rounds the reader opened open while they edit the inputs.
    if (open.size) for (const d of output.querySelectorAll<HTMLDetailsElement>('details.round')) d.open = open.has(d.dataset.round);
  };

  byId<HTMLFormElement>('block-form').addEventListener('input', update);
  byId<HTMLFormElement>('block-form').addEventListener('submit', (event) => event.preventDefault());
  byId<HTMLButtonElement>('example').addEventListener('click', () => {
    keyInput.value = EXAMPLE.key;
    blockInput.value = EXAMPLE.block;
    (document.querySelector('input[name="direction"][value="encrypt"]') as HTMLInputElement).checked = true;
    update();
  });
  update();
}

// One await: the engine instantiates synchronously where it can, and ready() covers the rest.
await ready();
setupWalk();
setupFilePanel();
document.documentElement.dataset.ready = 'true';
