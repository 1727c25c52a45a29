import { KeywordTokenizer } from './keyword-tokenizer';
import { porterStem } from './porter-stemmer';

describe('KeywordTokenizer', () => {
  it('lowercases, splits on anything but Unicode letters and digits, drops stop words, stems', () => {
    expect(new KeywordTokenizer().tokenize('Retrying the FAILED requests, (v2)!')).toEqual([
      'retri',
      'fail',
      'request',
      'v2',
    ]);
  });

  it('keeps words of every script whole and stems only plain Latin words', () => {
    expect(new KeywordTokenizer().tokenize('naïve café 東京タワー über-fast')).toEqual([
      'naïve',
      'café',
      '東京タワー',
      'über',
      'fast',
    ]);
  });

  it("with language 'none' only lowercases and splits; own stop words replace the list", () => {
    expect(new KeywordTokenizer({ language: 'none' }).tokenize('The Running dogs')).toEqual([
      'the',
      'running',
      'dogs',
    ]);
    expect(new KeywordTokenizer({ stopWords: ['Dogs'] }).tokenize('the running dogs')).toEqual([
      'the',
      'run',
    ]);
  });

  it('rejects an unknown language', () => {
    expect(() => new KeywordTokenizer({ language: 'xx' as 'en' })).toThrow(
      /must be 'en' or 'none'/,
    );
  });
});

describe('porterStem', () => {
  it("gives the stems of Porter's published vocabulary sample", () => {
    // Pairs from the reference voc.txt / output.txt of tartarus.org/martin/PorterStemmer.
    const pairs: [string, string][] = [
      ['caresses', 'caress'],
      ['ponies', 'poni'],
      ['ties', 'ti'],
      ['caress', 'caress'],
      ['cats', 'cat'],
      ['feed', 'feed'],
      ['agreed', 'agre'],
      ['plastered', 'plaster'],
      ['bled', 'bled'],
      ['motoring', 'motor'],
      ['sing', 'sing'],
      ['conflated', 'conflat'],
      ['troubled', 'troubl'],
      ['sized', 'size'],
      ['hopping', 'hop'],
      ['tanned', 'tan'],
      ['falling', 'fall'],
      ['hissing', 'hiss'],
      ['fizzed', 'fizz'],
      ['failing', 'fail'],
      ['filing', 'file'],
      ['happy', 'happi'],
      ['sky', 'sky'],
      ['relational', 'relat'],
      ['conditional', 'condit'],
      ['rational', 'ration'],
      ['valenci', 'valenc'],
      ['digitizer', 'digit'],
      ['conformabli', 'conform'],
      ['radicalli', 'radic'],
      ['differentli', 'differ'],
      ['vileli', 'vile'],
      ['analogousli', 'analog'],
      ['vietnamization', 'vietnam'],
      ['predication', 'predic'],
      ['operator', 'oper'],
      ['feudalism', 'feudal'],
      ['decisiveness', 'decis'],
      ['hopefulness', 'hope'],
      ['callousness', 'callous'],
      ['formaliti', 'formal'],
      ['sensitiviti', 'sensit'],
      ['sensibiliti', 'sensibl'],
      ['triplicate', 'triplic'],
      ['formative', 'form'],
      ['formalize', 'formal'],
      ['electriciti', 'electr'],
      ['electrical', 'electr'],
      ['hopeful', 'hope'],
      ['goodness', 'good'],
      ['revival', 'reviv'],
      ['allowance', 'allow'],
      ['inference', 'infer'],
      ['airliner', 'airlin'],
      ['adjustable', 'adjust'],
      ['defensible', 'defens'],
      ['irritant', 'irrit'],
      ['replacement', 'replac'],
      ['adjustment', 'adjust'],
      ['dependent', 'depend'],
      ['adoption', 'adopt'],
      ['homologou', 'homolog'],
      ['communism', 'commun'],
      ['activate', 'activ'],
      ['angulariti', 'angular'],
      ['homologous', 'homolog'],
      ['effective', 'effect'],
      ['bowdlerize', 'bowdler'],
      ['probate', 'probat'],
      ['rate', 'rate'],
      ['cease', 'ceas'],
      ['controll', 'control'],
      ['roll', 'roll'],
      ['generalizations', 'gener'],
      ['oscillators', 'oscil'],
      ['connections', 'connect'],
      ['connecting', 'connect'],
      ['yelling', 'yell'],
    ];
    expect(pairs.map(([word]) => [word, porterStem(word)])).toEqual(pairs);
  });
});
