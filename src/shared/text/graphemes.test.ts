import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countCommentCharacters, graphemes, maxStackedMarks } from './graphemes.js';

const COUNTER_FILE = new URL('../../web/comment-counter.js', import.meta.url);
const SHARED_FILE = new URL('./graphemes.ts', import.meta.url);

/** The live counter's own function, loaded as the browser loads it (no DOM: it only defines the count). */
function browserCount(): (text: string) => number {
  const sandbox: { MotCua?: { countCommentCharacters: (text: string) => number } } = {};
  runInNewContext(readFileSync(COUNTER_FILE, 'utf8'), sandbox);
  if (!sandbox.MotCua) throw new Error('comment-counter.js did not define MotCua.countCommentCharacters');
  return sandbox.MotCua.countCommentCharacters;
}

const TRICKY: [string, string, number][] = [
  ['plain letters', 'Xin chào', 8],
  ['decomposed Vietnamese (e + circumflex + acute)', 'e\u0302\u0301', 1],
  ['the same letter precomposed', 'ế', 1],
  ['a whole decomposed word', 'Vie\u0302\u0323t Nam', 8],
  ['combining marks that look shorter than they are', 'a\u0301b\u0301c\u0301d\u0301', 4],
  ['Zalgo: one letter under thirty marks', `o${'\u0300\u0301\u0302'.repeat(10)}`, 1],
  ['an emoji ZWJ family', '👨‍👩‍👧‍👦', 1],
  ['a family with skin tones', '👨🏻‍👩🏻‍👧🏻‍👦🏻', 1],
  ['a flag', '🇻🇳', 1],
  ['two flags side by side', '🇻🇳🇱🇦', 2],
  ['a subdivision flag (tag sequence)', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', 1],
  ['a keycap', '1️⃣', 1],
  ['a thumbs-up with a skin tone', '👍🏽', 1],
  ['CR LF as one line break', 'a\r\nb', 3],
  ['surrounding white space, not counted', '  \n xin  \t', 3],
  ['only white space', ' \u00a0\u3000\n', 0],
  ['Thai with vowel and tone marks', 'น้ำ', 1],
  ['Hangul jamo, decomposed', '\u1100\u1161\u11a8', 1],
  ['a lone surrogate', '\ud800x', 2],
  ['the empty text', '', 0],
];

describe('counting characters as people see them', () => {
  for (const [name, text, expected] of TRICKY) {
    it(`counts ${name} as ${expected}`, () => {
      expect(countCommentCharacters(text)).toBe(expected);
    });
  }

  it('cuts decomposed text into composed characters', () => {
    expect(graphemes('Vie\u0302\u0323t')).toEqual(['V', 'i', 'ệ', 't']);
  });

  it('finds marks stacked on one character', () => {
    expect(maxStackedMarks('Việt Nam')).toBe(0);
    expect(maxStackedMarks('1️⃣')).toBe(2);
    expect(maxStackedMarks(`o${'\u0300\u0301\u0302'.repeat(10)}`)).toBe(29); // o + grave compose
  });
});

describe('the live counter in the browser and the server count alike', () => {
  const browser = browserCount();

  it('on every tricky input', () => {
    for (const [name, text] of TRICKY) expect(browser(text), name).toBe(countCommentCharacters(text));
  });

  it('on any text at all, including marks, joiners, flags and surrogates', () => {
    const pieces = fc.constantFrom(
      'a',
      'e',
      ' ',
      '\n',
      '\r\n',
      '\u0301',
      '\u0302',
      '\u0323',
      '\u200d',
      '\ufe0f',
      '🇻',
      '🇳',
      '👨',
      '🏻',
      '\ud800',
      'ế',
      'น',
      '้',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme-composite' }),
          fc.array(pieces).map((p) => p.join('')),
        ),
        (text) => {
          expect(browser(text)).toBe(countCommentCharacters(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('with the same lines of code (types aside)', () => {
    const body = (source: string) => {
      const start = source.indexOf('function countCommentCharacters(');
      const end = source.indexOf('return count;', start);
      return source
        .slice(start, end)
        .replace(/: string\)/, ')')
        .replace(/\): number \{/, ') {')
        .replace(/^\s+/gm, '');
    };
    const shared = body(readFileSync(SHARED_FILE, 'utf8'));
    expect(shared).toContain('segmenter.segment(text.normalize');
    expect(body(readFileSync(COUNTER_FILE, 'utf8'))).toBe(shared);
  });
});
