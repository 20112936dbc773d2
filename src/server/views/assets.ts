import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

/** Changes whenever a static file changes, so assets can be cached for a year. */
export const ASSET_VERSION = createHash('sha256')
  .update(readFileSync(`${WEB_DIR}/app.css`))
  .update(readFileSync(`${WEB_DIR}/app.js`))
  .digest('hex')
  .slice(0, 10);
