import { ConduitValidationError } from '../../core/errors/conduit-validation.error';
import { ENGLISH_STOP_WORDS } from './english-stop-words';
import { porterStem } from './porter-stemmer';

/** Languages the keyword tokenizer knows stop words and a stemmer for; `none` only splits. */
export type KeywordLanguage = 'en' | 'none';

/** Options of `KeywordTokenizer` (plain data, so an index can save them with its documents). */
export interface KeywordTokenizerOptions {
  /** Default `en`: English stop words and the Porter stemmer. `none`: lowercase and split only. */
  readonly language?: KeywordLanguage;
  /** Reduce words to their stem (`connecting` -> `connect`). Default: on for `en`. */
  readonly stem?: boolean;
  /**
   * Drop stop words: `true` for the language's list (`ENGLISH_STOP_WORDS`), `false` for none, or
   * your own list (compared after lowercasing, before stemming). Default: on for `en`.
   */
  readonly stopWords?: boolean | readonly string[];
}

/** Words longer than this are not stemmed (a base64 blob or a URL is not English). */
const MAX_STEMMED_LENGTH = 40;
/** Only words of plain Latin letters are stemmed: the Porter rules are English rules. */
const STEMMABLE = /^[a-z]+$/;
/** Stems remembered; a corpus has far fewer distinct words, a hostile one is cut off here. */
const STEM_CACHE_SIZE = 50_000;
/** A word: a run of Unicode letters and digits (any script), so `naïve`, `東京` and `v2` are words. */
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Turns text into index terms for BM25: lowercase, split into runs of Unicode letters and
 * digits (punctuation, spaces and symbols separate words), drop stop words, stem. The same
 * tokenizer must read the documents and the queries, which is why an index owns one.
 *
 * @example
 * new KeywordTokenizer().tokenize('Retrying the failed requests'); // ['retri', 'fail', 'request']
 */
export class KeywordTokenizer {
  /** The options as given, for saving with an index. */
  readonly options: KeywordTokenizerOptions;
  private readonly stem: boolean;
  private readonly stopWords: ReadonlySet<string>;
  private readonly stems = new Map<string, string>();

  constructor(options: KeywordTokenizerOptions = {}) {
    const language = options.language ?? 'en';
    if (language !== 'en' && language !== 'none') {
      throw new ConduitValidationError(
        [{ path: 'language', message: `must be 'en' or 'none', got ${String(language)}` }],
        'Invalid keyword tokenizer options',
      );
    }
    this.options = options;
    this.stem = options.stem ?? language === 'en';
    const stopWords = options.stopWords ?? language === 'en';
    this.stopWords =
      stopWords === false
        ? new Set()
        : stopWords === true
          ? language === 'en'
            ? ENGLISH_STOP_WORDS
            : new Set()
          : new Set(stopWords.map((word) => word.toLowerCase()));
  }

  /** The terms of `text`, in order, repeated as often as they occur. */
  tokenize(text: string): string[] {
    const terms: string[] = [];
    for (const match of text.toLowerCase().matchAll(WORD)) {
      const word = match[0];
      if (this.stopWords.has(word)) continue;
      terms.push(this.stem ? this.stemOf(word) : word);
    }
    return terms;
  }

  private stemOf(word: string): string {
    if (word.length > MAX_STEMMED_LENGTH || !STEMMABLE.test(word)) return word;
    let stem = this.stems.get(word);
    if (stem === undefined) {
      stem = porterStem(word);
      if (this.stems.size >= STEM_CACHE_SIZE) this.stems.clear();
      this.stems.set(word, stem);
    }
    return stem;
  }
}
