/**
 * English stop words dropped by the keyword tokenizer (`stopWords: true`): Lucene's
 * `EnglishAnalyzer` list (33 words, the articles, conjunctions, prepositions and forms of "be"
 * that carry no topic) plus pronouns and question words. Kept short on purpose: a long list
 * (NLTK has 179) also drops words like "only", "off" or "before" that change what a question asks.
 */
// prettier-ignore
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
  // Lucene EnglishAnalyzer.ENGLISH_STOP_WORDS_SET
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it',
  'no', 'not', 'of', 'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these',
  'they', 'this', 'to', 'was', 'will', 'with',
  // Pronouns, auxiliaries and question words: frequent in questions, absent from answers.
  'i', 'me', 'my', 'we', 'our', 'you', 'your', 'he', 'she', 'his', 'her', 'its', 'them',
  'what', 'which', 'who', 'whom', 'how', 'why', 'when', 'where', 'do', 'does', 'did', 'can',
  'could', 'should', 'would', 'has', 'have', 'had', 'been', 'being', 'were', 'am', 'so', 'than',
  'too', 'very', 'from', 'about', 'any', 'some', 'each', 'other', 'also', 'just',
]);
