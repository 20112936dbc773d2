import { preparePGliteTemplate, preparePostgresTemplate } from './template.js';

export default async function setup(): Promise<void> {
  if (process.env.DATABASE_URL) await preparePostgresTemplate(process.env.DATABASE_URL);
  else await preparePGliteTemplate();
}
