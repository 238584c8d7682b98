// Fills the dossier tables for the benchmarks and the statistics demo (`motcua seed --demo --dossiers N`, the bench
// app): N dossiers written straight through Kysely in multi-row batches, 20,000 per transaction, with durability relaxed
// during the load only (SQLite `synchronous = OFF`, PostgreSQL `synchronous_commit = off` per transaction: a crash
// loses at most the last transactions, never consistency); a large PostgreSQL load is one transaction (`bulkLoad`).
// Rows look like real ones: the published procedures with their frozen definitions (a few demo ones weigh more), the
// demo agencies, the three channels with the online share growing over the years, statuses 1–10 in realistic shares,
// several years of dates, due dates, supplement rounds (one in eight dossiers, a few with two), about one dossier in
// twelve late, one or two history rows each, and codes `{agency}-{yyMMdd}-{NNNN}` unique per agency-day, with
// `dossier_code_counters` moved past them so that new submissions never collide.
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { isPostgres } from '../src/db/migrate.ts';
import type { Database } from '../src/db/schema.ts';
import { foldVietnamese } from '../src/lib/text.ts';
import { vietnamDateOf } from '../src/lib/vn-time.ts';
import type { ProcedureDefinition } from '../src/modules/catalog/catalog.schema.ts';
import { demoCatalog } from '../src/modules/catalog/demo-catalog.ts';
import { formatDossierCode } from '../src/modules/dossiers/dossier-code.ts';
import type { FrozenProcedure } from '../src/modules/dossiers/dossiers.schema.ts';
import type { DossierActionsTable, DossiersTable } from '../src/modules/dossiers/dossiers.tables.ts';
import { type FrozenText, freeze, storeFrozen } from '../src/modules/dossiers/frozen-procedures.ts';
import '../src/modules/catalog/catalog.tables.ts';
import '../src/modules/identity/identity.tables.ts';

/** The one-stop centre receives the province departments' dossiers at its counter. */
const ONE_STOP = '000.00.01.H08';
/**
 * Procedures that weigh more (and their share of dossiers): ward civil status and certification, enterprise and
 * driving licences. Every other published demo procedure weighs `OTHER_WEIGHT`; generated catalogue entries get none.
 */
const PROCEDURES: [code: string, weight: number][] = [
  ['1.000656.000.00.00.H08', 15],
  ['1.001193.000.00.00.H08', 20],
  ['2.000815.000.00.00.H08', 15],
  ['1.000894.000.00.00.H08', 10],
  ['2.001610.000.00.00.H08', 15],
  ['1.002804.000.00.00.H08', 25],
];
/** Status shares in per mille: most dossiers of past years are returned; a few percent are in progress. */
const STATUS_SHARES: [status: number, perMille: number][] = [
  [1, 20],
  [2, 30],
  [3, 20],
  [4, 60],
  [5, 20],
  [6, 10],
  [7, 10],
  [8, 10],
  [9, 40],
  [10, 780],
];
/** The second history row for each status reached from the first: action, role, status before. */
const SECOND_ACTION: Record<number, [action: string, role: string, from: number] | undefined> = {
  2: ['accept', 'intake', 1],
  3: ['refuse', 'intake', 1],
  4: ['assign', 'leader', 2],
  5: ['request_supplement', 'processor', 4],
  6: ['request_payment', 'processor', 4],
  7: ['withdraw', 'applicant', 1],
  8: ['stop', 'leader', 4],
  9: ['resolve', 'leader', 4],
  10: ['return_result', 'intake', 9],
};
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Thanh', 'Ngọc', 'Quốc', 'Đức'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Phúc', 'Tâm', 'Yến'];
const OTHER_WEIGHT = 2;
/**
 * Online dossiers come from a crowd of generated citizens (ids only: they cannot log in); the demo citizen `congdan`
 * files one in `DEMO_CITIZEN_SHARE` of them, so that their own pages look like a real person's.
 */
const CITIZENS = 200_000;
const DEMO_CITIZEN_SHARE = 2_000;
const DAY_MS = 86_400_000;
const YEARS = 4;
/** Online share of the dossiers of procedures offered online, from the oldest generated year to now. */
const ONLINE_SHARE = { oldest: 0.35, newest: 0.75 };
/** Shares of accepted dossiers with one, and with two, supplement requests; share finished after the due date. */
const ONE_SUPPLEMENT = 0.12;
const TWO_SUPPLEMENTS = 0.02;
const LATE = 0.08;
/** Rows per INSERT statement (47 columns × 500 stays under SQLite's 32,766 parameters) and per transaction. */
const BATCH = 500;
const BATCHES_PER_TX = 40;
/** PostgreSQL loads from this many rows up build the indexes after the rows (`bulkLoad`). */
const BULK_ROWS = 500_000;
/** SQLite page cache during the load (KiB): the indexes of a million dossiers stay in memory. */
const LOAD_CACHE_KIB = 512 * 1024;

interface Source {
  versionId: string;
  version: number;
  definition: ProcedureDefinition;
  frozen: FrozenText[];
  weight: number;
}

/** A small deterministic generator, so that two runs fill the same database. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pickWeighted<T>(items: readonly [T, number][], total: number, r: number): T {
  let x = r * total;
  for (const [item, weight] of items) {
    x -= weight;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

export interface GenerateOptions {
  count: number;
  now?: Date;
  progress?: (done: number, total: number) => void;
}

export async function generateDossiers(db: Kysely<Database>, options: GenerateOptions): Promise<void> {
  // Tops the table up to `count`, so that a kept database (BENCH_DATABASE_URL) is filled once.
  const existing = await db
    .selectFrom('dossiers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const count = Math.max(0, options.count - Number(existing.n));
  if (count === 0) return;
  const now = (options.now ?? new Date()).getTime();
  const rnd = random(20261127);

  const published = await db
    .selectFrom('procedures')
    .innerJoin('procedure_versions', 'procedure_versions.id', 'procedures.published_version_id')
    .select(['procedures.code', 'procedure_versions.id', 'procedure_versions.version', 'procedure_versions.definition'])
    .orderBy('procedures.code')
    .execute();
  const weights = new Map(PROCEDURES);
  const demoCodes = new Set(demoCatalog.map((d) => d.code));
  const sources: Source[] = published.flatMap((row) => {
    if (!demoCodes.has(row.code)) return [];
    const weight = weights.get(row.code) ?? OTHER_WEIGHT;
    const definition = JSON.parse(row.definition) as ProcedureDefinition;
    const header = {
      code: definition.code,
      name: definition.name,
      field: definition.field,
      agency: definition.agency,
      applicantTypes: definition.applicantTypes,
      result: definition.result,
      onlineMode: definition.onlineMode,
      channels: definition.channels,
    };
    const frozen = definition.cases.map((c) => freeze({ procedure: header, case: c } satisfies FrozenProcedure));
    return [{ versionId: row.id, version: row.version, definition, frozen, weight }];
  });
  if (sources.length === 0) throw new Error('dossier generator: no demo procedure is published');

  const users = await db.selectFrom('users').select(['id', 'username']).execute();
  const userId = (name: string) => users.find((u) => u.username === name)?.id ?? name;
  const citizen = userId('congdan');
  const intake = userId('motcua');
  const processor = userId('chuyenvien');
  const leader = userId('lanhdao');

  // Continue the existing counters (the demo seed may have dossiers) and move them past the generated codes.
  const counters = new Map<string, number>();
  for (const c of await db.selectFrom('dossier_code_counters').selectAll().execute()) {
    counters.set(`${c.agency_identifier}|${c.day}`, Number(c.last_sequence));
  }

  await storeFrozen(
    db,
    sources.flatMap((s) => s.frozen),
  );
  const postgres = isPostgres(db as unknown as Kysely<unknown>);
  // SQLite has one connection: these settings hold for the whole load and are put back after it.
  if (!postgres) {
    await sql`pragma synchronous = off`.execute(db);
    await sql.raw(`pragma cache_size = -${LOAD_CACHE_KIB}`).execute(db);
  }
  const plan: Plan = { count, now, rnd, sources, citizen, intake, processor, leader, counters };
  try {
    if (postgres && count >= BULK_ROWS) await bulkLoad(db, plan, options);
    else {
      const inTransaction: Batches = (work) =>
        db.transaction().execute(async (tx) => {
          if (postgres) await sql`set local synchronous_commit = off`.execute(tx);
          await work(tx);
        });
      await writeDossiers(inTransaction, plan, options);
    }
  } finally {
    if (!postgres) {
      await sql`pragma synchronous = full`.execute(db);
      await sql`pragma cache_size = -2000`.execute(db);
    }
  }
  // Fresh planner statistics, as a running database's autovacuum would keep them: without them PostgreSQL guesses a
  // dozen rows per queue and picks bitmap scans that read the whole queue before the page's LIMIT. On PostgreSQL the
  // vacuum also marks the new pages all-visible, without which every index-only scan (the queue counts) reads the heap.
  await sql.raw(postgres ? 'vacuum analyze' : 'analyze').execute(db);
}

interface Plan {
  count: number;
  now: number;
  rnd: () => number;
  sources: Source[];
  citizen: string;
  intake: string;
  processor: string;
  leader: string;
  counters: Map<string, number>;
}

/** Runs one batch of the load (its rows and the code counters that cover them) in a transaction. */
type Batches = (work: (tx: Transaction<Database>) => Promise<void>) => Promise<void>;

/**
 * A large PostgreSQL load runs as one transaction that drops the two tables' secondary indexes, writes the rows and
 * builds the indexes again: building an index once over ten million rows is far quicker than updating it row by row.
 * Indexes that back a constraint (primary keys, unique codes) stay and keep checking. Killed midway, the transaction
 * rolls back whole, indexes included.
 */
async function bulkLoad(db: Kysely<Database>, plan: Plan, options: GenerateOptions): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`set local synchronous_commit = off`.execute(tx);
    await sql`set local maintenance_work_mem = '512MB'`.execute(tx);
    const { rows: indexes } = await sql<{ name: string; definition: string }>`
      select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
      from pg_index i
      where i.indrelid in ('dossiers'::regclass, 'dossier_actions'::regclass)
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`.execute(tx);
    for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(tx);
    await writeDossiers((work) => work(tx), plan, options);
    for (const index of indexes) {
      process.stderr.write(`dossiers: building index ${index.name}\n`);
      await sql.raw(index.definition).execute(tx);
    }
  });
}

async function writeDossiers(inTransaction: Batches, plan: Plan, options: GenerateOptions): Promise<void> {
  const { count, now, rnd, sources, citizen, intake, processor, leader, counters } = plan;
  const actorOf: Record<string, string> = { intake, processor, leader };
  const sourceWeights = sources.map((s) => [s, s.weight] as [Source, number]);
  const sourceTotal = sources.reduce((n, s) => n + s.weight, 0);
  const folded = new Map<string, string>();
  const touched = new Set<string>();
  const statusTotal = STATUS_SHARES.reduce((n, [, w]) => n + w, 0);
  let done = 0;
  while (done < count) {
    await inTransaction(async (tx) => {
      for (let b = 0; b < BATCHES_PER_TX && done < count; b++) {
        const n = Math.min(BATCH, count - done);
        const dossiers: Insertable<DossiersTable>[] = [];
        const actions: Insertable<DossierActionsTable>[] = [];
        for (let i = 0; i < n; i++) {
          const source = pickWeighted(sourceWeights, sourceTotal, rnd());
          const { definition } = source;
          const caseIndex = Math.floor(rnd() * definition.cases.length);
          const procedureCase = definition.cases[caseIndex]!;
          const status = pickWeighted(STATUS_SHARES, statusTotal, rnd());
          // Work in progress is recent; closed dossiers spread over the years.
          const running = status <= 2 || (status >= 4 && status <= 6);
          const age = running ? rnd() * 60 * DAY_MS : rnd() * YEARS * 365 * DAY_MS;
          const submitted = new Date(now - age - 3_600_000);
          const recent = 1 - age / (YEARS * 365 * DAY_MS);
          const onlineShare = ONLINE_SHARE.oldest + (ONLINE_SHARE.newest - ONLINE_SHARE.oldest) * recent;
          const channel: 1 | 2 | 3 =
            definition.onlineMode !== 'none' && rnd() < onlineShare ? 2 : rnd() < 0.9 ? 1 : (3 as const);
          const onCounter = channel !== 2;
          const receiving = onCounter && definition.agency.level === 'province' ? ONE_STOP : definition.agency.id;
          const inAgency = status === 4 || status === 5 || status === 6 || status === 8;
          const current = inAgency ? definition.agency.id : receiving;
          const last = procedureCase.workflow.length - 1;
          const step = status <= 3 || status === 7 ? 0 : status >= 9 ? last : Math.min(1, last);
          const day = vietnamDateOf(submitted);
          const key = `${receiving}|${day}`;
          const sequence = (counters.get(key) ?? 0) + 1;
          counters.set(key, sequence);
          touched.add(key);
          const code = formatDossierCode(receiving, day, sequence);
          const at = submitted.toISOString();
          const accepted =
            status === 1 || status === 3 || status === 7 ? null : new Date(submitted.getTime() + 3_600_000);
          // Supplement rounds pause the clock; the due date moves by the time paused, as when a dossier resumes.
          const draw = rnd();
          const supplements = accepted ? (draw < TWO_SUPPLEMENTS ? 2 : draw < ONE_SUPPLEMENT ? 1 : 0) : 0;
          const pausedMs = supplements * Math.floor((1 + rnd() * 4) * DAY_MS);
          const span = Math.max(1, Math.min(procedureCase.processingTime.value, 30)) * DAY_MS * 1.3;
          const dueAt = accepted ? new Date(accepted.getTime() + span + pausedMs) : null;
          // Most dossiers end within their time limit; `LATE` of them up to a week after it.
          const took = rnd() < LATE ? span + pausedMs + rnd() * 7 * DAY_MS : (span + pausedMs) * rnd() * 0.98;
          const ended = new Date(Math.min(now - 60_000, submitted.getTime() + 3_600_000 + took));
          const returned = new Date(Math.min(now - 60_000, ended.getTime() + rnd() * 2 * DAY_MS));
          const lastChange = status === 10 ? returned : ended;
          const name = `${SURNAMES[Math.floor(rnd() * SURNAMES.length)]} ${MIDDLE[Math.floor(rnd() * MIDDLE.length)]} ${GIVEN[Math.floor(rnd() * GIVEN.length)]}`;
          const online = channel === 2;
          // Time-ordered ids, as the submission service makes them.
          const id = uuidv7({ msecs: submitted.getTime() });
          const applicantUser = !online
            ? null
            : rnd() * DEMO_CITIZEN_SHARE < 1
              ? citizen
              : `gen-citizen-${Math.floor(rnd() * CITIZENS)}`;
          const submitter = applicantUser ?? intake;
          dossiers.push({
            id,
            code,
            submitted_by: submitter,
            submission_key: `gen-${id}`,
            procedure_code: definition.code,
            procedure_name: definition.name,
            procedure_version_id: source.versionId,
            procedure_version: source.version,
            frozen_hash: source.frozen[caseIndex]!.hash,
            field_code: definition.field.code,
            case_code: procedureCase.code,
            receiving_agency_id: receiving,
            current_agency_id: current,
            current_step: step,
            channel,
            online_mode: definition.onlineMode,
            status,
            resume_status: status === 5 || status === 6 ? 4 : null,
            applicant_user_id: applicantUser,
            applicant_name: name,
            applicant_search: folded.get(name) ?? folded.set(name, foldVietnamese(name)).get(name)!,
            applicant_id_number: `0740${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
            applicant_phone: `09${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
            applicant_email:
              applicantUser === citizen ? 'congdan@example.vn' : online ? `${applicantUser}@example.vn` : null,
            applicant_address: 'Số 12 đường Yersin, Phường Phú Thọ, Tỉnh Bình Dương',
            on_behalf: null,
            form_data: JSON.stringify({
              fullName: name,
              idNumber: '074090001234',
              phone: '0912345678',
              residence: { detail: 'Số 12 đường Yersin', commune: 'Phường Phú Thọ', province: 'Tỉnh Bình Dương' },
              note: `Hồ sơ ${code}`,
              declaration: true,
            }),
            components: '[]',
            delivery_method: online ? 'electronic' : 'counter',
            delivery_address: null,
            submitted_at: at,
            accepted_at: accepted?.toISOString() ?? null,
            due_at: dueAt?.toISOString() ?? null,
            due_date: dueAt ? vietnamDateOf(dueAt) : null,
            paused_at: status === 5 || status === 6 ? ended.toISOString() : null,
            total_paused_ms: status === 5 ? 0 : pausedMs,
            supplement_count: status === 5 ? Math.max(1, supplements) : supplements,
            resolved_at: status >= 9 ? ended.toISOString() : null,
            returned_at: status === 10 ? returned.toISOString() : null,
            refused_at: status === 3 ? ended.toISOString() : null,
            stopped_at: status === 8 ? ended.toISOString() : null,
            withdrawn_at: status === 7 ? ended.toISOString() : null,
            assignee_id: status >= 4 && status !== 7 ? processor : null,
            version: status === 1 ? 1 : 2,
            created_at: at,
            updated_at: status === 1 ? at : lastChange.toISOString(),
          });
          actions.push({
            dossier_id: id,
            action: 'submit',
            actor_id: submitter,
            role: online ? 'applicant' : 'intake',
            agency_id: online ? null : receiving,
            at,
            comment: null,
            old_status: null,
            new_status: 1,
            old_due_at: null,
            new_due_at: null,
            data: JSON.stringify({ channel, procedureVersionId: source.versionId }),
            attachment_ids: '[]',
          });
          const second = SECOND_ACTION[status];
          if (second) {
            const [action, role, from] = second;
            actions.push({
              dossier_id: id,
              action,
              actor_id: role === 'applicant' ? submitter : (actorOf[role] ?? intake),
              role,
              agency_id: role === 'applicant' ? null : current,
              at: lastChange.toISOString(),
              comment: null,
              old_status: from,
              new_status: status,
              old_due_at: from === 1 ? null : (dueAt?.toISOString() ?? null),
              new_due_at: dueAt?.toISOString() ?? null,
              data: null,
              attachment_ids: null,
            });
          }
        }
        await tx.insertInto('dossiers').values(dossiers).execute();
        // 14 columns: up to 1,000 action rows per statement stays under both databases' parameter limits.
        await tx.insertInto('dossier_actions').values(actions).execute();
        done += n;
      }
      // The counters move with the rows they cover, so that a stopped run leaves no code to collide with.
      await saveCounters(tx, counters, touched);
      touched.clear();
    });
    options.progress?.(done, count);
  }
}

async function saveCounters(db: Kysely<Database>, counters: Map<string, number>, keys: Set<string>): Promise<void> {
  const rows = [...keys].map((key) => {
    const [agency, day] = key.split('|') as [string, string];
    return { agency_identifier: agency, day, last_sequence: counters.get(key) ?? 0 };
  });
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('dossier_code_counters')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) =>
        oc
          .columns(['agency_identifier', 'day'])
          .doUpdateSet((eb) => ({ last_sequence: eb.ref('excluded.last_sequence') })),
      )
      .execute();
  }
}

/** Progress on stderr: a line every 50,000 rows with the rate so far. */
export function stderrProgress(): (done: number, total: number) => void {
  const started = Date.now();
  let shown = 0;
  return (done, total) => {
    if (done - shown < 50_000 && done < total) return;
    shown = done;
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(
      `dossiers: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${Math.round(done / seconds)} rows/s)\n`,
    );
  };
}
