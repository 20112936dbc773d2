// npm run gateway:sim
// The payment gateway simulator on its own port, as another site would be: the app then uses it with
//   VNPAY_PAY_URL=http://localhost:3099/gateway-sim/paymentv2/vpcpay.html
// (with VNPAY_TMN_CODE and VNPAY_HASH_SECRET the same on both sides; the demo values by default).
// Settings: SIM_PORT (3099), SIM_HOST (127.0.0.1), SIM_IPN_URL (where it sends IPNs; the app on port
// 3000 by default), VNPAY_TMN_CODE, VNPAY_HASH_SECRET. The app serves the same simulator itself under
// /gateway-sim when no gateway is configured, so the demo needs none of this.
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { DEMO_VNPAY_HASH_SECRET, DEMO_VNPAY_TMN_CODE, SIMULATOR_PREFIX } from '../config.js';
import { simulatorPlugin } from '../modules/payments/simulator/simulator.js';

async function main() {
  const env = process.env;
  const port = Number(env.SIM_PORT ?? 3099);
  const host = env.SIM_HOST ?? '127.0.0.1';
  const ipnUrl = env.SIM_IPN_URL ?? 'http://localhost:3000/api/v1/payments/vnpay/ipn';
  const tmnCode = env.VNPAY_TMN_CODE || DEMO_VNPAY_TMN_CODE;
  const hashSecret = env.VNPAY_HASH_SECRET || DEMO_VNPAY_HASH_SECRET;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('SIM_PORT must be a port number');
  if (!/^https?:\/\//.test(ipnUrl)) throw new Error('SIM_IPN_URL must be an http(s) address');
  const app = Fastify({ logger: { level: env.LOG_LEVEL ?? 'info' } });
  await app.register(formbody);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
  });
  await app.register(
    simulatorPlugin({ tmnCode, hashSecret, ipnUrl, now: () => new Date(), prefix: SIMULATOR_PREFIX }),
  );
  await app.listen({ port, host });
  const base = `http://localhost:${port}${SIMULATOR_PREFIX}`;
  process.stdout.write(
    [
      '',
      `  Payment gateway simulator (VNPay protocol 2.1.0) at ${base}/`,
      `  Merchant ${tmnCode}; IPNs go to ${ipnUrl}`,
      `  Start the app with VNPAY_PAY_URL=${base}/paymentv2/vpcpay.html and the same merchant code and secret.`,
      '',
    ].join('\n'),
  );
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The simulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
