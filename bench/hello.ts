// The baseline: a bare Fastify 5 hello world, no plugins, no logger, on a free loopback port.
// Same protocol as serve.ts: prints `READY {"url":…}`, stops on SIGTERM, SIGINT or stdin closing.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));

const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();

const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`READY ${JSON.stringify({ url: address })}\n`);
