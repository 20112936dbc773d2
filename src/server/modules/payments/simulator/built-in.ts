// The simulator inside the app (the demo): same merchant code and secret, the IPN sent to this app's own
// IPN route. When the IPN address is this app itself, it goes through app.inject (the whole route,
// hooks and handler, without a socket), so it works whatever port the app listens on.
import type { FastifyPluginAsync } from 'fastify';
import { SIMULATOR_PREFIX } from '../../../config.js';
import { ipnUrl } from '../payments.service.js';
import { fetchIpn, simulatorPlugin } from './simulator.js';

export const builtInSimulator: FastifyPluginAsync = async (app) => {
  const config = app.deps.config;
  const origin = new URL(config.publicUrl).origin;
  await app.register(
    simulatorPlugin({
      tmnCode: config.vnpay.tmnCode,
      hashSecret: config.vnpay.hashSecret,
      ipnUrl: ipnUrl(config),
      now: () => app.deps.clock.now(),
      prefix: SIMULATOR_PREFIX,
      sendIpn: async (url) => {
        const target = new URL(url);
        if (target.origin !== origin) return fetchIpn(url);
        const response = await app.inject({ method: 'GET', url: `${target.pathname}${target.search}` });
        return { status: response.statusCode, body: response.body.slice(0, 500) };
      },
    }),
  );
};
