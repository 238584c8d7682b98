// npm run bench [-- --duration 10 --connections 10 --only healthz]
// Prints each scenario as a ratio of its throughput to a bare Fastify route measured in the same run.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { type Scenario, scenarios } from './scenarios.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);

function startProcess(script: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /READY (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
}

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(port: number, s: Pick<Scenario, 'method' | 'path' | 'headers' | 'body'>): Promise<Measure> {
  const url = `http://127.0.0.1:${port}${s.path}`;
  // A short warm-up lets the JIT and the database caches settle before the measured run.
  await autocannon({ url, method: s.method ?? 'GET', headers: s.headers, body: s.body, connections, duration: 2 });
  const r = await autocannon({
    url,
    method: s.method ?? 'GET',
    headers: s.headers,
    body: s.body,
    connections,
    duration,
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

const baseline = await startProcess('./baseline-server.ts');
const app = await startProcess('./app-server.ts');
try {
  const base = await measure(baseline.port, { path: '/baseline' });
  console.log(
    `machine: ${(await import('node:os')).cpus().length} cores, node ${process.version}; ${duration}s × ${connections} connections`,
  );
  console.log(`baseline (bare Fastify route): ${base.rps.toFixed(0)} req/s, p99 ${base.p99} ms`);
  console.log('scenario | req/s | p50 ms | p99 ms | errors | ratio to baseline | target');
  for (const s of scenarios.filter((x) => !values.only || x.name.includes(values.only))) {
    const m = await measure(app.port, s);
    const ratio = m.rps / base.rps;
    const target = [
      s.target?.minRatio !== undefined ? `ratio ≥ ${s.target.minRatio}` : '',
      s.target?.maxP99Ms !== undefined ? `p99 ≤ ${s.target.maxP99Ms} ms` : '',
    ]
      .filter(Boolean)
      .join(', ');
    console.log(
      `${s.name} | ${m.rps.toFixed(0)} | ${m.p50} | ${m.p99} | ${m.errors} | ${ratio.toFixed(2)} | ${target || '—'}`,
    );
  }
} finally {
  baseline.child.kill('SIGTERM');
  app.child.kill('SIGTERM');
}
