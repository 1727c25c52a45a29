/**
 * A text prepared for PII scanning: zero-width and other invisible characters removed, digits of
 * any script (Arabic-Indic, Devanagari, fullwidth, mathematical...) made ASCII, fullwidth ASCII
 * (`＠`, `．`, letters) made ASCII. `map[i]` is the index in the original text of `text[i]`, so a
 * span found here is cut from the original. Linear in the input.
 */
export interface ScanText {
  readonly text: string;
  /** Original index of each character of `text`; `undefined` when `text` is the original. */
  readonly map: Int32Array | undefined;
}

/** Code points of the zero digit of each decimal digit block that scanning folds to ASCII. */
const ZEROS = [
  0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50,
  0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0,
  0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x11066,
  0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6,
];

/** Invisible characters a writer can slip into an email or a number to split it for a matcher. */
function isInvisible(cp: number): boolean {
  return (
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    cp === 0xfeff
  );
}

/** The ASCII character `cp` stands for when scanning, or -1 to keep it as it is. */
function folded(cp: number): number {
  if (cp >= 0xff01 && cp <= 0xff5e) return cp - 0xfee0;
  if (cp === 0xfe6b) return 64; // small commercial at
  for (const zero of ZEROS) {
    if (cp >= zero && cp <= zero + 9) return 48 + cp - zero;
  }
  return -1;
}

const NON_ASCII = /[^\t\n\r\x20-\x7e]/;

/** Prepares `text` for scanning (see `ScanText`). */
export function scanTextOf(text: string): ScanText {
  // A native search: most text is ASCII and needs no copy.
  if (!NON_ASCII.test(text)) return { text, map: undefined };
  const codes: number[] = [];
  const map = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) as number;
    const wide = cp > 0xffff;
    if (cp >= 0x80) {
      if (isInvisible(cp)) continue;
      const ascii = folded(cp);
      if (ascii !== -1) {
        codes.push(ascii);
        map[n++] = i;
        if (wide) i++;
        continue;
      }
    }
    codes.push(text.charCodeAt(i));
    map[n++] = i;
    if (wide) {
      i++;
      codes.push(text.charCodeAt(i));
      map[n++] = i;
    }
  }
  let out = '';
  // fromCharCode takes arguments: in slices, so a long text does not overflow the stack.
  for (let at = 0; at < codes.length; at += 8192) {
    out += String.fromCharCode(...codes.slice(at, at + 8192));
  }
  return { text: out, map: map.subarray(0, n) };
}
