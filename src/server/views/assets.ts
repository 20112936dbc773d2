import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

/** Changes whenever a static file changes (any file in src/web), so assets can be cached for a year. */
export const ASSET_VERSION = readdirSync(WEB_DIR, { withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => entry.name)
  .sort()
  .reduce((hash, name) => hash.update(name).update(readFileSync(`${WEB_DIR}/${name}`)), createHash('sha256'))
  .digest('hex')
  .slice(0, 10);
