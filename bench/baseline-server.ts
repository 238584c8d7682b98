// The same-run baseline: a bare Fastify route, served from its own process like the app under test.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/baseline', async () => ({ status: 'ok', database: 'sqlite' }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`READY ${typeof address === 'object' && address ? address.port : 0}\n`);
