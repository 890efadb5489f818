import autocannon from 'autocannon';
import Fastify from 'fastify';
const app = Fastify();
app.get('/healthz', async () => ({ status: 'ok', db: 'sqlite', version: '0.1.0' }));
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;
const result = await autocannon({ url: `http://127.0.0.1:${port}/healthz`, connections: 20, duration: 6 });
console.log('bare healthz', result.requests.average, 'p99', result.latency.p99);
await app.close();
