import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogMessageKeys, catalogMessagesEn, catalogMessagesVi } from './messages.js';

const roots = [join(import.meta.dirname, '.'), join(import.meta.dirname, '../../server/modules/catalog')];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && entry.name !== 'messages.ts'
      ? [path]
      : [];
  });
}

function lookup(tree: object, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

describe('catalogue messages', () => {
  it('has a Vietnamese and an English text for every key the code uses', () => {
    const used = new Set<string>();
    for (const file of roots.flatMap(sourceFiles)) {
      for (const match of readFileSync(file, 'utf8').matchAll(
        /'(catalog\.(?:errors|warnings)\.[A-Za-z0-9.]+)'/g,
      )) {
        used.add(match[1] ?? '');
      }
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter(
      (key) =>
        typeof lookup(catalogMessagesVi, key) !== 'string' ||
        typeof lookup(catalogMessagesEn, key) !== 'string',
    );
    expect(missing).toEqual([]);
  });

  it('has the same keys in both languages', () => {
    expect(catalogMessageKeys(catalogMessagesEn)).toEqual(catalogMessageKeys(catalogMessagesVi));
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of catalogMessageKeys(catalogMessagesVi)) {
      const vi = lookup(catalogMessagesVi, key) as string;
      const en = lookup(catalogMessagesEn, key) as string;
      expect(placeholders(en), key).toEqual(placeholders(vi));
    }
  });
});
