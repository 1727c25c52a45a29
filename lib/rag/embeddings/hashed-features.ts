/** 32-bit FNV-1a over UTF-16 code units, with a seed so two feature kinds never share buckets. */
export function hashFeature(feature: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < feature.length; i++) {
    hash ^= feature.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // Final avalanche (murmur3 fmix32) so nearby strings land in unrelated buckets.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** Lower-cased words: runs of letters and digits in any script (diacritics kept). */
export function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** Character n-grams of `size` of a word padded with `<` and `>`, so prefixes and suffixes count. */
export function charNgrams(word: string, size: number): string[] {
  const padded = `<${word}>`;
  if (padded.length <= size) return [padded];
  const grams: string[] = [];
  for (let i = 0; i + size <= padded.length; i++) grams.push(padded.slice(i, i + size));
  return grams;
}
