// Noto Sans for PDFs: it has every Vietnamese letter precomposed, so diacritics print and extract
// correctly (the PDF standard fonts have none of them). The TTF files come from the
// @expo-google-fonts/noto-sans package and are read once per process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The font names a document registers; pass them to `doc.font(…)`. */
export const FONT = {
  regular: 'NotoSans',
  bold: 'NotoSans-Bold',
  italic: 'NotoSans-Italic',
  boldItalic: 'NotoSans-BoldItalic',
} as const;
export type FontName = (typeof FONT)[keyof typeof FONT];

const FILES: Record<FontName, string> = {
  NotoSans: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  'NotoSans-Bold': '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  'NotoSans-Italic': '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  'NotoSans-BoldItalic': '@expo-google-fonts/noto-sans/700Bold_Italic/NotoSans_700Bold_Italic.ttf',
};

const cache = new Map<FontName, Buffer>();

/** The bytes of one of the fonts (read once). */
export function fontBytes(name: FontName): Buffer {
  let bytes = cache.get(name);
  if (!bytes) {
    bytes = readFileSync(require.resolve(FILES[name]));
    cache.set(name, bytes);
  }
  return bytes;
}

/** Registers the four Noto Sans faces on a pdfkit document and selects the regular one. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const name of Object.values(FONT)) doc.registerFont(name, fontBytes(name));
  doc.font(FONT.regular);
}
