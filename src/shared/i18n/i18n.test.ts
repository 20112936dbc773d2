import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../errors.js';
import { formatDate, hasMessage, localeFromAcceptLanguage, messageKeys, translate } from './index.js';

const SRC = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the message catalogue', () => {
  it('has the same keys in Vietnamese and English', () => {
    expect(messageKeys('en')).toEqual(messageKeys('vi'));
  });

  it('has a translated message for every error code in both languages', () => {
    for (const code of Object.keys(ERROR_STATUS)) {
      expect(hasMessage(`errors.${code}`, 'vi'), code).toBe(true);
      expect(hasMessage(`errors.${code}`, 'en'), code).toBe(true);
    }
  });

  it('has every literal key the source code asks for', () => {
    const missing: string[] = [];
    let found = 0;
    const pattern =
      /\b(?:t|translate)\((?:\s*(?:[a-z]+|'[a-z]{2}')\s*,)?\s*'([a-zA-Z]\w*\.[\w.]+)'|(?:key|message|titleKey|labelKey): '([a-zA-Z][\w]*\.[\w.]+)'/g;
    for (const file of sourceFiles(SRC)) {
      for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
        const key = match[1] ?? match[2];
        found++;
        if (key && !key.includes('${') && !(hasMessage(key, 'vi') && hasMessage(key, 'en'))) {
          missing.push(`${key} (${file.slice(SRC.length)})`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(found).toBeGreaterThan(50);
  });

  it('fills placeholders and falls back to the key itself when a message is unknown', () => {
    expect(translate('en', 'validation.tooLong', { maximum: 500 })).toBe('Enter no more than 500 characters');
    expect(translate('vi', 'no.such.key')).toBe('no.such.key');
  });

  it('takes the first supported language of an Accept-Language header', () => {
    expect(localeFromAcceptLanguage('fr-FR,en;q=0.8,vi;q=0.5')).toBe('en');
    expect(localeFromAcceptLanguage('vi-VN,vi;q=0.9')).toBe('vi');
    expect(localeFromAcceptLanguage('de')).toBeUndefined();
    expect(localeFromAcceptLanguage('en;q=abc')).toBeUndefined();
  });

  it('writes dates as dd/MM/yyyy in Vietnam time', () => {
    expect(formatDate(new Date('2025-01-31T18:00:00Z'))).toBe('01/02/2025');
  });
});
