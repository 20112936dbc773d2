// Cleaning text copied from the national portal: checklists and steps arrive as plain text or as HTML
// fragments, with tabs, non-breaking spaces and decomposed Vietnamese letters. Stored text is NFC so
// that search, de-duplication and exact round trips compare like with like.

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  bull: '•',
  middot: '·',
};

const HTML_HINT = /<\/?[a-zA-Z][^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/;

function decodeEntities(value: string): string {
  return value.replace(/&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/g, (match, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X'))
      return safeCodePoint(Number.parseInt(body.slice(2), 16), match);
    if (body.startsWith('#')) return safeCodePoint(Number.parseInt(body.slice(1), 10), match);
    return NAMED_ENTITIES[body.toLowerCase()] ?? match;
  });
}

function safeCodePoint(codePoint: number, fallback: string): string {
  if (!Number.isInteger(codePoint) || codePoint <= 0 || codePoint > 0x10ffff) return fallback;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return fallback;
  return String.fromCodePoint(codePoint);
}

/** Turns an HTML fragment into plain text with line breaks where blocks end; plain text passes through. */
export function htmlToText(value: string): string {
  if (!HTML_HINT.test(value)) return value;
  return (
    decodeEntities(
      value
        .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/<br\s*\/?>/gi, '\n')
        .replace(/<li\b[^>]*>/gi, '\n- ')
        .replace(/<\/(p|div|li|tr|h[1-6]|ul|ol|table|blockquote)\s*>/gi, '\n')
        .replace(/<\/t[dh]\s*>/gi, ' ')
        .replace(/<[^>]*>/g, ''),
    )
      // Block ends and list starts meet ("</p><ul><li>"): in HTML, layout, not blank lines of text.
      .replace(/\n[^\S\n]*(?:\n[^\S\n]*)+/g, '\n')
  );
}

// Zero-width characters and the byte-order mark carry no meaning in a name and break comparisons.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
// Every C0/C1 control character except tab and line feed (tabs become spaces with the other blanks).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_EXCEPT_LF = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** One line: HTML removed, every run of whitespace (line breaks included) made one space, NFC, trimmed. */
export function normalizeInline(value: string): string {
  return htmlToText(value)
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .replace(CONTROL_EXCEPT_LF, '')
    .trim();
}

/** Several lines: HTML removed, lines trimmed with inner spaces collapsed, at most one blank line in a row. */
export function normalizeMultiline(value: string): string {
  const lines = htmlToText(value)
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .split('\n')
    .map((line) =>
      line
        .replace(/[^\S\n]+/g, ' ')
        .replace(CONTROL_EXCEPT_LF, '')
        .trim(),
    );
  const kept: string[] = [];
  for (const line of lines) {
    if (line === '' && (kept.length === 0 || kept[kept.length - 1] === '')) continue;
    kept.push(line);
  }
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n');
}

/** normalizeInline, with the empty result as null. */
export function inlineOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const cleaned = normalizeInline(value);
  return cleaned === '' ? null : cleaned;
}

/** normalizeMultiline, with the empty result as null. */
export function multilineOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const cleaned = normalizeMultiline(value);
  return cleaned === '' ? null : cleaned;
}
