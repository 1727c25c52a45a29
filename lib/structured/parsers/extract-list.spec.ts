import { extractList } from './extract-list';

describe('extractList', () => {
  it('reads bullet and numbered items, wrapped lines included', () => {
    const text = [
      'Steps:',
      '1. Install the package',
      '2) Configure',
      '   the module',
      '(3) Start',
      '- dash',
      '* star',
      '• dot',
      '+ plus',
      '- [x] checked task',
      '',
      'Not an item.',
    ].join('\n');
    expect(extractList(text)).toEqual([
      'Install the package',
      'Configure the module',
      'Start',
      'dash',
      'star',
      'dot',
      'plus',
      'checked task',
    ]);
  });

  it('does not take prose, dates or negative numbers for items', () => {
    expect(extractList('-5 degrees today\n2024. A year\n*emphasis*\nplain')).toEqual([]);
  });

  it('returns [] for text without a list, or empty text', () => {
    expect(extractList('Just a sentence.')).toEqual([]);
    expect(extractList('')).toEqual([]);
  });

  it('accepts a custom pattern (first capture group, else the whole match)', () => {
    expect(extractList('> a\n> b\nc', { pattern: /^> (.+)$/ })).toEqual(['a', 'b']);
    expect(extractList('#one #two\n#three', { pattern: /#\w+/ })).toEqual(['#one', '#three']);
  });
});
