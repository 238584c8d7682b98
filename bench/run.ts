// npm run bench [-- --duration 10 --connections 10 --only healthz]
// Prints each scenario as a ratio of its throughput to a same-run baseline: a bare Fastify route by default, or the
// bench app process's `POST /bench/insert` (one row of similar size into the same database) for write scenarios.
import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { type BaselineName, type PreparedRun, type Scenario, type ScenarioContext, scenarios } from './scenarios.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const WARM_UP = 2;

/** `BENCH_PROFILE=<dir>`: the app process writes a V8 CPU profile there when it stops (`--cpu-prof`). */
const profileArgs = (script: string) =>
  process.env.BENCH_PROFILE && script.includes('app-server')
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];

function startProcess(script: string): Promise<{ child: ChildProcess; port: number; ports: Record<string, number> }> {
  const args = [...profileArgs(script), '--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /READY (\d+)(.*)\n/.exec(out);
      if (m) {
        const ports = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)=(\d+)/g)].map((x) => [x[1], Number(x[2])]));
        resolve({ child, port: Number(m[1]), ports });
      }
    });
    child.on('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
}

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

interface Target {
  port: number;
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The first failed answer of a run with prepared bodies, printed to explain its error count. */
let firstFailure = '';

async function run(target: Target, seconds: number, run?: PreparedRun): Promise<autocannon.Result> {
  const options: autocannon.Options = {
    url: `http://127.0.0.1:${target.port}${run?.path ?? target.path}`,
    method: target.method ?? 'GET',
    headers: { ...target.headers, ...run?.headers },
    body: target.body,
    connections,
    duration: seconds,
  };
  const next = run?.nextBody;
  if (!next) return autocannon(options);
  // A fresh body per request; when the prepared work runs out the run stops early (its rate is over the time it ran).
  let instance: autocannon.Instance | undefined;
  let stopped = false;
  const result = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        ...options,
        requests: [
          {
            setupRequest: (request) => {
              const body = next();
              if (body.last && !stopped) {
                stopped = true;
                setImmediate(() => instance?.stop());
              }
              return { ...request, body: body.body };
            },
            onResponse: (status, body) => {
              if (status >= 400 && !firstFailure) firstFailure = `${status} ${body.slice(0, 300)}`;
            },
          },
        ],
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
  });
  return result;
}

async function measure(target: Target, prepared?: PreparedRun): Promise<Measure> {
  // A short warm-up lets the JIT and the database caches settle before the measured run.
  await run(target, WARM_UP, prepared);
  const r = await run(target, duration, prepared);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
    requests: r.requests.total,
  };
}

async function login(port: number, credentials: { username: string; password: string }): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (!response.ok) throw new Error(`login as ${credentials.username}: ${response.status}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]);
  return cookies.join('; ');
}

const baseline = await startProcess('./baseline-server.ts');
const app = await startProcess('./app-server.ts');
const baselines: Record<BaselineName, Target & { label: string }> = {
  bare: { label: 'bare Fastify `GET /baseline`', port: baseline.port, path: '/baseline' },
  insert: {
    label: 'bare Fastify `POST /bench/insert` (one ~1.5 KB row into the same database)',
    port: app.ports.insert ?? 0,
    method: 'POST',
    path: '/bench/insert',
  },
};
try {
  console.log(
    `machine: ${os.cpus().length} cores, node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; ${duration}s × ${connections} connections`,
  );
  const selected = scenarios.filter((x) => !values.only || values.only.split(',').some((o) => x.name.includes(o)));
  const measured = new Map<BaselineName, Measure>();
  for (const name of new Set(selected.map((s) => s.baseline ?? 'bare'))) {
    const m = await measure(baselines[name]);
    measured.set(name, m);
    console.log(`baseline ${baselines[name].label}: ${m.rps.toFixed(0)} req/s, p99 ${m.p99} ms, errors ${m.errors}`);
  }
  console.log('scenario | req/s | p50 ms | p99 ms | errors | baseline | ratio to baseline | target');
  for (const s of selected) {
    const m = await measureScenario(s);
    const baselineName = s.baseline ?? 'bare';
    const ratio = m.rps / (measured.get(baselineName)?.rps ?? Number.NaN);
    const target = [
      s.target?.minRatio !== undefined ? `ratio ≥ ${s.target.minRatio}` : '',
      s.target?.maxP99Ms !== undefined ? `p99 ≤ ${s.target.maxP99Ms} ms` : '',
    ]
      .filter(Boolean)
      .join(', ');
    if (firstFailure) console.error(`${s.name}: first failure ${firstFailure}`);
    firstFailure = '';
    console.log(
      `${s.name} | ${m.rps.toFixed(0)} | ${m.p50} | ${m.p99} | ${m.errors} | ${baselineName} | ${ratio.toFixed(2)} | ${target || '—'}`,
    );
  }
} finally {
  baseline.child.kill('SIGTERM');
  app.child.kill('SIGTERM');
}

async function measureScenario(s: Scenario): Promise<Measure> {
  const cookie = s.login ? await login(app.port, s.login) : undefined;
  const context: ScenarioContext = {
    origin: `http://127.0.0.1:${app.port}`,
    cookie,
    // Enough work for the warm-up and the measured run at the scenario's expected rate.
    seconds: WARM_UP + duration,
    connections,
  };
  const prepared: PreparedRun = s.prepare ? await s.prepare(context) : {};
  const headers = { ...s.headers, ...(cookie && { cookie }), ...prepared.headers };
  return measure({ port: app.port, method: s.method, path: s.path, headers, body: s.body }, { ...prepared, headers });
}
