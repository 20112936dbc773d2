// Characters as people see them: user-perceived characters (extended grapheme clusters), counted
// after NFC normalisation, so "ế" counts once whether it was typed as one code point or as "e" with
// two combining marks, and a flag or a family emoji counts once too.
//
// The live counter in the browser (src/web/comment-counter.js) repeats countCommentCharacters
// line for line, because the browser loads plain files and cannot import this module;
// graphemes.test.ts runs both on the same inputs so they never drift apart.

const segmenter = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/** The user-perceived characters of `text` after NFC normalisation. */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text.normalize('NFC')), (part) => part.segment);
}

/** How many characters a comment has, as the server checks it and the live counter shows it. */
export function countCommentCharacters(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text.normalize('NFC').trim())) count++;
  return count;
}

/** The most combining marks stacked on one character of `text` (after NFC). */
export function maxStackedMarks(text: string): number {
  let most = 0;
  for (const cluster of graphemes(text)) {
    const marks = cluster.match(/\p{M}/gu)?.length ?? 0;
    if (marks > most) most = marks;
  }
  return most;
}
