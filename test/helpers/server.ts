import type { AddressInfo } from 'node:net';
import { loadDemo } from '../../src/server/seed/demo.js';
import { buildTestApp, type TestApp } from './app.js';

export const DEMO_PASSWORD = 'motcua-demo';

/** The app with the Mộc Châu demo on its own database, listening on a free loopback port. */
export async function startDemoServer(): Promise<TestApp & { baseUrl: string }> {
  const t = await buildTestApp({ config: { demoPassword: DEMO_PASSWORD } });
  await loadDemo(t.deps);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}
