// A same-run baseline for write scenarios: a bare Fastify route that inserts one row of about the size of a submitted
// dossier (a ~1.5 KB JSON text) per request into a bench-only table of the app's own database. It runs in the bench app
// process, on the app's database connection, and never in the product.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { Db } from '../src/db/database.ts';

interface BenchTables {
  bench_insert: { id: string; created_at: string; body: string };
}

const payload = JSON.stringify({
  procedureCode: '1.000656.000.00.00.H08',
  caseCode: 'KHAI_TU',
  channel: 2,
  applicant: { name: 'Nguyễn Văn An', idNumber: '074090001234', phone: '0912345678', email: 'congdan@example.vn' },
  form: {
    fullName: 'Nguyễn Văn An',
    residence: { detail: 'Số 12 đường Yersin', commune: 'Phường Phú Thọ', province: 'Tỉnh Bình Dương' },
    deceasedName: 'Nguyễn Văn Bảy',
    deathPlace: 'Bệnh viện Đa khoa tỉnh Bình Dương',
    deathNoticeNumber: '125/GBT',
  },
  note: 'x'.repeat(900),
});

export async function startInsertBaseline(db: Db): Promise<{ app: FastifyInstance; port: number }> {
  const kysely = db.kysely as unknown as Kysely<BenchTables>;
  await sql`create table if not exists bench_insert (id text primary key, created_at text not null, body text not null)`.execute(
    kysely,
  );
  const app = Fastify({ logger: false });
  app.post('/bench/insert', async (_request, reply) => {
    const id = randomUUID();
    await kysely
      .insertInto('bench_insert')
      .values({ id, created_at: new Date().toISOString(), body: payload })
      .execute();
    return reply.code(201).send({ id });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, port: typeof address === 'object' && address ? address.port : 0 };
}
