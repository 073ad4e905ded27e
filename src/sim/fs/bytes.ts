// Bytes as the simulation's strings. Programs, pipes and files hold JS strings, and text must stay
// text (`cat` of a UTF-8 file prints characters). Binary data (a tar stream, a copied image) is
// kept losslessly the way Python's "surrogateescape" does it: valid UTF-8 decodes to characters,
// and every byte that is not part of a valid sequence becomes the lone surrogate U+DC00+byte,
// which decoded text never contains. Encoding turns those back into the original bytes.

const ESCAPE_BASE = 0xdc00;

function continuation(b: number | undefined): boolean {
  return b !== undefined && (b & 0xc0) === 0x80;
}

/** The length of a valid UTF-8 sequence at `i` (overlongs, surrogates and > U+10FFFF are invalid), or 0. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i];
  if (b0 < 0x80) return 1;
  const b1 = bytes[i + 1];
  if (b0 >= 0xc2 && b0 <= 0xdf) return continuation(b1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    if (!continuation(b1) || !continuation(bytes[i + 2])) return 0;
    if (b0 === 0xe0 && b1 < 0xa0) return 0;
    if (b0 === 0xed && b1 >= 0xa0) return 0;
    return 3;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    if (!continuation(b1) || !continuation(bytes[i + 2]) || !continuation(bytes[i + 3])) return 0;
    if (b0 === 0xf0 && b1 < 0x90) return 0;
    if (b0 === 0xf4 && b1 >= 0x90) return 0;
    return 4;
  }
  return 0;
}

// ignoreBOM keeps a leading byte-order mark as a character instead of dropping it
const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** Bytes → string: UTF-8 text as characters, other bytes escaped (lossless). */
export function bytesToText(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    // not all valid UTF-8: decode run by run below
  }
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const n = sequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (i > start) parts.push(lenient.decode(bytes.subarray(start, i)));
    parts.push(String.fromCharCode(ESCAPE_BASE + bytes[i]));
    i++;
    start = i;
  }
  if (i > start) parts.push(lenient.decode(bytes.subarray(start, i)));
  return parts.join("");
}

function isEscape(code: number): boolean {
  return code >= 0xdc80 && code <= 0xdcff;
}

/** String → bytes: characters as UTF-8, escaped bytes as themselves. */
export function textToBytes(text: string): Uint8Array {
  const out = new Uint8Array(byteLength(text));
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    if (isEscape(cp)) out[o++] = cp - ESCAPE_BASE;
    else if (cp >= 0xd800 && cp <= 0xdfff) { out[o++] = 0xef; out[o++] = 0xbf; out[o++] = 0xbd; }
    else if (cp < 0x80) out[o++] = cp;
    else if (cp < 0x800) { out[o++] = 0xc0 | (cp >> 6); out[o++] = 0x80 | (cp & 0x3f); }
    else if (cp < 0x10000) { out[o++] = 0xe0 | (cp >> 12); out[o++] = 0x80 | ((cp >> 6) & 0x3f); out[o++] = 0x80 | (cp & 0x3f); }
    else { out[o++] = 0xf0 | (cp >> 18); out[o++] = 0x80 | ((cp >> 12) & 0x3f); out[o++] = 0x80 | ((cp >> 6) & 0x3f); out[o++] = 0x80 | (cp & 0x3f); }
  }
  return out;
}

/** How many bytes `textToBytes(text)` has (a file's size, `wc -c`). */
export function byteLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) { n += 4; i++; }
    else if (isEscape(c)) n += 1;
    else n += 3;
  }
  return n;
}
