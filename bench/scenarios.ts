import { randomUUID } from 'node:crypto';
import { applicantAn, deathRegistration, pdfBytes } from '../src/modules/dossiers/dossiers.http-testkit.ts';

/** The same-run baseline a scenario is compared with (see `bench/run.ts`). */
export type BaselineName = 'bare' | 'insert';

/** What a scenario's `prepare` is given: the app's address, the session cookie if it logged in, the run's length. */
export interface ScenarioContext {
  origin: string;
  cookie?: string;
  /** Warm-up plus measured seconds. */
  seconds: number;
  connections: number;
}

/** What `prepare` hands back: a path found at run time, extra headers, a fresh body per request. */
export interface PreparedRun {
  path?: string;
  headers?: Record<string, string>;
  /** The next request body; `last` once the prepared work is nearly used up, which stops the run. */
  nextBody?: () => { body: string; last: boolean };
}

/** A load scenario against the running app; later issues add theirs here. */
export interface Scenario {
  name: string;
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Default: the bare Fastify route. */
  baseline?: BaselineName;
  /** Logs in once before measuring and sends the session cookie with every request. */
  login?: { username: string; password: string };
  prepare?: (context: ScenarioContext) => Promise<PreparedRun>;
  /** What the issue asks of it, printed beside the result. */
  target?: { minRatio?: number; maxP99Ms?: number };
}

const searchTarget = { minRatio: 0.3, maxP99Ms: 10 };
/** Issue #7: the citizen pages render on the server in 20 ms or less (p99). */
const pageTarget = { maxP99Ms: 20 };
/** The statistics scenarios read the year before this one: a whole year of generated dossiers. */
const statsYear = new Date().getUTCFullYear() - 1;
const PASSWORD = 'motcua@2026';
/** Submissions prepared per second of run (each needs two uploads): above what 2 cores reach, so the pool lasts. */
const SUBMISSIONS_PER_SECOND = Number(process.env.BENCH_SUBMISSIONS_PER_SECOND ?? 250);

async function csrfToken(context: ScenarioContext): Promise<string> {
  const page = await fetch(`${context.origin}/account`, { headers: { cookie: context.cookie ?? '' } });
  const html = await page.text();
  const token = /name="_csrf"[^>]*value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no CSRF token on /account (${page.status}): ${html.slice(0, 300)}`);
  return token;
}

/** Uploads `count` small PDFs as the logged-in user, a few at a time; their ids in order. */
async function uploadPdfs(context: ScenarioContext, count: number): Promise<string[]> {
  const token = await csrfToken(context);
  const ids: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const form = new FormData();
      form.append('file', new Blob([pdfBytes(i)], { type: 'application/pdf' }), `giay-to-${i}.pdf`);
      const response = await fetch(`${context.origin}/api/v1/files`, {
        method: 'POST',
        headers: { cookie: context.cookie ?? '', 'x-csrf-token': token },
        body: form,
      });
      if (response.status !== 201) throw new Error(`upload ${i}: ${response.status} ${await response.text()}`);
      ids[i] = ((await response.json()) as { id: string }).id;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return ids;
}

/** An officer's page that lists dossiers, and the first dossier code on it. */
async function firstCodeOn(context: ScenarioContext, path: string): Promise<string> {
  const page = await fetch(`${context.origin}${path}`, { headers: { cookie: context.cookie ?? '' } });
  const code = /\/office\/dossiers\/([^"?/]+)/.exec(await page.text())?.[1];
  if (!code) throw new Error(`no dossier on ${path}`);
  return code;
}

/**
 * The first statistics request of a fresh database builds the monthly cells (all dossiers), and the first request for
 * a page computes what it keeps until the cells change: both done before measuring, so that the run measures the
 * steady state (kept figures, recomputed after each refresh while the previous ones are served).
 */
function warmStatistics(path: string) {
  return async (context: ScenarioContext): Promise<PreparedRun> => {
    for (const [what, url] of [
      ['monthly cells built', `/api/v1/stats/summary?from=${statsYear}-01-01&to=${statsYear}-01-31`],
      [`${path} computed`, path],
    ] as const) {
      const started = Date.now();
      const response = await fetch(`${context.origin}${url}`, { headers: { accept: 'text/html' } });
      if (!response.ok) throw new Error(`statistics warm-up ${url}: ${response.status} ${await response.text()}`);
      process.stderr.write(`statistics: ${what} in ${Date.now() - started} ms\n`);
    }
    return {};
  };
}

export const scenarios: Scenario[] = [
  { name: 'GET /healthz', path: '/healthz' },
  {
    name: 'search "giay phep xay dung" (2,034 procedures)',
    path: '/api/v1/procedures?q=giay%20phep%20xay%20dung&limit=20',
    target: searchTarget,
  },
  {
    name: 'search "dang ky", full online, page 2 (2,034 procedures)',
    path: '/api/v1/procedures?q=dang%20ky&mode=full&page=2&limit=20',
    target: searchTarget,
  },
  {
    name: 'page: home /',
    path: '/',
    headers: { accept: 'text/html' },
    target: pageTarget,
  },
  {
    name: 'page: procedure /procedures/:code',
    path: `/procedures/${deathRegistration.procedureCode}`,
    headers: { accept: 'text/html' },
    target: pageTarget,
  },
  {
    name: 'page: lookup /track',
    path: '/track',
    headers: { accept: 'text/html' },
    target: pageTarget,
  },
  {
    name: 'submit a dossier online (JSON, 2 attachments uploaded beforehand)',
    method: 'POST',
    path: '/api/v1/dossiers',
    headers: { 'content-type': 'application/json' },
    baseline: 'insert',
    login: { username: 'congdan', password: PASSWORD },
    async prepare(context) {
      const count = Math.ceil(context.seconds * SUBMISSIONS_PER_SECOND);
      const files = await uploadPdfs(context, 2 * count);
      let used = 0;
      const reserve = 2 * context.connections;
      let lastBody = '';
      return {
        nextBody() {
          if (used < count) {
            const [toKhai, giayBaoTu] = [files[2 * used], files[2 * used + 1]];
            used++;
            lastBody = JSON.stringify({
              procedureCode: deathRegistration.procedureCode,
              caseCode: deathRegistration.caseCode,
              channel: 2,
              submissionKey: `bench-${randomUUID()}`,
              applicant: applicantAn,
              form: deathRegistration.form,
              components: { TO_KHAI: [toKhai], GIAY_BAO_TU: [giayBaoTu] },
              delivery: { method: 'electronic' },
            });
          }
          // Out of uploads: the last body again (an idempotent repeat) until the run has stopped.
          return { body: lastBody, last: used >= count - reserve };
        },
      };
    },
    target: { minRatio: 0.4 },
  },
  {
    name: 'office queue "awaiting intake", intake officer (2 agencies)',
    path: '/office/queues/awaitingIntake?limit=50',
    login: { username: 'motcua', password: PASSWORD },
    target: { maxP99Ms: 50 },
  },
  {
    name: 'office queue "returned", intake officer (2 agencies, the largest queue)',
    path: '/office/queues/returned?limit=50',
    login: { username: 'motcua', password: PASSWORD },
    target: { maxP99Ms: 50 },
  },
  {
    name: 'office dossier page, intake officer',
    path: '/office/dossiers/',
    login: { username: 'motcua', password: PASSWORD },
    async prepare(context) {
      return { path: `/office/dossiers/${await firstCodeOn(context, '/office/queues/returned')}` };
    },
    target: { maxP99Ms: 30 },
  },
  {
    name: `stats: year ${statsYear} summary grouped by agency (API)`,
    path: `/api/v1/stats/summary?from=${statsYear}-01-01&to=${statsYear}-12-31&groupBy=agency`,
    prepare: warmStatistics(`/api/v1/stats/summary?from=${statsYear}-01-01&to=${statsYear}-12-31&groupBy=agency`),
    target: { maxP99Ms: 300 },
  },
  {
    name: `stats: public dashboard, year ${statsYear}`,
    path: `/stats?year=${statsYear}`,
    headers: { accept: 'text/html' },
    prepare: warmStatistics(`/stats?year=${statsYear}`),
    target: { maxP99Ms: 100 },
  },
  {
    name: `stats: open data JSON, year ${statsYear}`,
    path: `/api/v1/stats/open-data?year=${statsYear}`,
    prepare: warmStatistics(`/api/v1/stats/open-data?year=${statsYear}`),
    target: { maxP99Ms: 100 },
  },
];
