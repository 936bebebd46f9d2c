/** Number formatting and footnotes shared by the markdown report and the chart. */

/** 3 significant figures, no exponent: 1234 → "1234", 25.13 → "25.1", 0.8512 → "0.851". */
export function figure(value) {
  if (!Number.isFinite(value)) return '?';
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  if (value >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

/** Messages per second with a k / M suffix. */
export function rate(value) {
  if (value >= 1e6) return `${figure(value / 1e6)} M`;
  if (value >= 1e3) return `${figure(value / 1e3)} k`;
  return figure(value);
}

export function ratio(value) {
  return `${value >= 10 ? value.toFixed(0) : value.toFixed(2)}×`;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** Numbered footnotes, each text once: marker(text) → "³". */
export class Footnotes {
  constructor() {
    this.texts = [];
  }

  marker(text) {
    let index = this.texts.indexOf(text);
    if (index < 0) index = this.texts.push(text) - 1;
    return String(index + 1).replace(/\d/g, (d) => SUPERSCRIPT[d]);
  }

  lines() {
    return this.texts.map((text, i) => `${this.marker(text)} ${text}`);
  }
}
