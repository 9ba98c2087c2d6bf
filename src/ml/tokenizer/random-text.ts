/** Seeded random Unicode text for the tokenizer specs. */

import { mulberry32 } from '../model/sampling.js';

export { mulberry32 };

/** Code point ranges [first, last], none inside the surrogate block, U+FFFD excluded. */
const RANGES: [number, number][] = [
  [0x20, 0x7e], // ASCII
  [0x61, 0x7a], // more lowercase, so words form
  [0xa0, 0xff], // Latin-1 (incl. no-break space)
  [0x300, 0x36f], // combining marks
  [0x391, 0x3c9], // Greek
  [0x410, 0x44f], // Cyrillic
  [0x5d0, 0x5ea], // Hebrew (RTL)
  [0x621, 0x64a], // Arabic (RTL)
  [0x660, 0x669], // Arabic-Indic digits
  [0x200b, 0x200f], // zero-width space/joiners, LRM/RLM
  [0x3000, 0x3000], // ideographic space
  [0x3041, 0x3096], // Hiragana
  [0x4e00, 0x9fff], // CJK
  [0xac00, 0xd7a3], // Hangul
  [0xfe0f, 0xfe0f], // variation selector
  [0x1f300, 0x1f64f], // emoji
  [0x1f900, 0x1f9ff], // more emoji
  [0x20000, 0x2a6df], // CJK extension B (astral)
  [0xe000, 0xf8ff], // private use
];
const PIECES = ['\n', '\t', '  ', ' ', '<|end|>', '<|user|>', '<|endoftext|>', "'s", '12345', '👩‍👩‍👧'];

export function randomText(rng: () => number, maxLength = 40): string {
  const length = Math.floor(rng() * (maxLength + 1));
  let out = '';
  for (let i = 0; i < length; i++) {
    if (rng() < 0.1) {
      out += PIECES[Math.floor(rng() * PIECES.length)];
      continue;
    }
    const [first, last] = RANGES[Math.floor(rng() * RANGES.length)];
    out += String.fromCodePoint(first + Math.floor(rng() * (last - first + 1)));
  }
  return out;
}
