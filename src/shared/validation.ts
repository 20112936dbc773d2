// Zod's messages become message keys here, once for the whole app, so every validation error
// on a page or in the API is translated the same way.
import { z } from 'zod';
import type { FieldErrors } from './errors.js';

z.config({
  customError: (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined || issue.input === null
          ? 'validation.required'
          : 'validation.invalidType';
      case 'too_small':
        if (issue.origin === 'string') {
          return Number(issue.minimum) <= 1 ? 'validation.required' : 'validation.tooShort';
        }
        if (issue.origin === 'array' || issue.origin === 'set') return 'validation.tooFewItems';
        return 'validation.tooSmall';
      case 'too_big':
        if (issue.origin === 'string') return 'validation.tooLong';
        if (issue.origin === 'array' || issue.origin === 'set') return 'validation.tooManyItems';
        return 'validation.tooBig';
      case 'invalid_format':
        return issue.format === 'email' ? 'validation.email' : 'validation.invalidFormat';
      case 'invalid_value':
        return 'validation.invalidOption';
      case 'unrecognized_keys':
        return 'validation.unknownField';
      case 'not_multiple_of':
        return 'validation.invalidType';
      default:
        return 'validation.invalid';
    }
  },
});

export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  minimum?: unknown;
  maximum?: unknown;
  keys?: readonly string[];
}

/** Turns zod issues into per-field message keys; the first problem of each field wins. */
export function fieldErrorsFromIssues(issues: readonly IssueLike[], prefix = ''): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const basePath = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    const paths = issue.keys?.length
      ? issue.keys.map((k) => (basePath ? `${basePath}.${k}` : k))
      : [basePath];
    for (const path of paths) {
      const key = path || '_';
      if (fields[key]) continue;
      const params: Record<string, string | number> = {};
      if (typeof issue.minimum === 'number' || typeof issue.minimum === 'bigint')
        params.minimum = Number(issue.minimum);
      if (typeof issue.maximum === 'number' || typeof issue.maximum === 'bigint')
        params.maximum = Number(issue.maximum);
      fields[key] = { key: issue.message, params };
    }
  }
  return fields;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors };

/** Parses a form or request body with a shared schema, returning per-field errors instead of throwing. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): ParseResult<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, fields: fieldErrorsFromIssues(result.error.issues) };
}
