/**
 * Martin Porter's 1980 stemmer for English ("An algorithm for suffix stripping"), the one
 * Lucene's PorterStemFilter, Snowball's "porter" and most BM25 setups use: `connections`,
 * `connected` and `connecting` all become `connect`, so a question and a passage that inflect a
 * word differently still share it. Written here (about 150 lines, no dependency) and checked in
 * the spec against the published vocabulary samples.
 */

const STEP2: Readonly<Record<string, string>> = {
  ational: 'ate',
  tional: 'tion',
  enci: 'ence',
  anci: 'ance',
  izer: 'ize',
  bli: 'ble',
  alli: 'al',
  entli: 'ent',
  eli: 'e',
  ousli: 'ous',
  ization: 'ize',
  ation: 'ate',
  ator: 'ate',
  alism: 'al',
  iveness: 'ive',
  fulness: 'ful',
  ousness: 'ous',
  aliti: 'al',
  iviti: 'ive',
  biliti: 'ble',
  logi: 'log',
};

const STEP3: Readonly<Record<string, string>> = {
  icate: 'ic',
  ative: '',
  alize: 'al',
  iciti: 'ic',
  ical: 'ic',
  ful: '',
  ness: '',
};

const STEP2_SUFFIX =
  /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
const STEP3_SUFFIX = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
const STEP4_SUFFIX =
  /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
const STEP4_ION = /^(.+?)(s|t)(ion)$/;

// Consonant / vowel classes as in the paper: y is a vowel after a consonant.
const C = '[^aeiou]';
const V = '[aeiouy]';
const CC = `${C}[^aeiouy]*`;
const VV = `${V}[aeiou]*`;
/** m > 0: [C](VC){1,}[V] */
const MGR0 = new RegExp(`^(${CC})?${VV}${CC}`);
/** m = 1 */
const MEQ1 = new RegExp(`^(${CC})?${VV}${CC}(${VV})?$`);
/** m > 1 */
const MGR1 = new RegExp(`^(${CC})?${VV}${CC}${VV}${CC}`);
/** the stem contains a vowel */
const HAS_VOWEL = new RegExp(`^(${CC})?${V}`);
/** *o: ends consonant-vowel-consonant, the last not w, x or y */
const CVC = new RegExp(`^${CC}${V}[^aeiouwxy]$`);

/** The Porter stem of one lowercase word (words of 1-2 letters are returned as they are). */
export function porterStem(word: string): string {
  if (word.length < 3) return word;
  let w = word;
  const firstY = w.startsWith('y');
  if (firstY) w = `Y${w.slice(1)}`;

  // Step 1a: plurals.
  if (/^(.+?)(ss|i)es$/.test(w)) w = w.replace(/^(.+?)(ss|i)es$/, '$1$2');
  else if (/^(.+?)([^s])s$/.test(w)) w = w.replace(/^(.+?)([^s])s$/, '$1$2');

  // Step 1b: -eed, -ed, -ing.
  let match = /^(.+?)eed$/.exec(w);
  if (match !== null) {
    if (MGR0.test(match[1])) w = w.slice(0, -1);
  } else {
    match = /^(.+?)(ed|ing)$/.exec(w);
    if (match !== null && HAS_VOWEL.test(match[1])) {
      w = match[1];
      if (/(at|bl|iz)$/.test(w)) w += 'e';
      else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
      else if (CVC.test(w)) w += 'e';
    }
  }

  // Step 1c: y -> i when the stem has a vowel.
  match = /^(.+?)y$/.exec(w);
  if (match !== null && HAS_VOWEL.test(match[1])) w = `${match[1]}i`;

  // Step 2: double suffixes to single ones (m > 0).
  match = STEP2_SUFFIX.exec(w);
  if (match !== null && MGR0.test(match[1])) w = match[1] + STEP2[match[2]];

  // Step 3: -ic-, -full, -ness... (m > 0).
  match = STEP3_SUFFIX.exec(w);
  if (match !== null && MGR0.test(match[1])) w = match[1] + STEP3[match[2]];

  // Step 4: remove a suffix when m > 1.
  match = STEP4_SUFFIX.exec(w);
  if (match !== null) {
    if (MGR1.test(match[1])) w = match[1];
  } else {
    match = STEP4_ION.exec(w);
    if (match !== null && MGR1.test(match[1] + match[2])) w = match[1] + match[2];
  }

  // Step 5a: a final e.
  match = /^(.+?)e$/.exec(w);
  if (match !== null) {
    const stem = match[1];
    if (MGR1.test(stem) || (MEQ1.test(stem) && !CVC.test(stem))) w = stem;
  }

  // Step 5b: -ll -> -l when m > 1.
  if (/ll$/.test(w) && MGR1.test(w)) w = w.slice(0, -1);

  return firstY ? `y${w.slice(1)}` : w;
}
