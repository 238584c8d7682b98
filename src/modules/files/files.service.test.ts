import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../../db/transaction.ts';
import { fixedClock } from '../../lib/clock.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { FileService } from './files.service.ts';

const LIMIT = 16_384;
const clock = fixedClock('2026-11-27T02:00:00.000Z');
let t: TestDb;
let files: FileService;
beforeEach(async () => {
  t = await createTestDb();
  files = new FileService(t.db, { dataDir: t.dataDir, maxFileBytes: LIMIT, unattachedTtlMs: 3_600_000 }, clock);
});
afterEach(() => t.cleanup());

const pdf = (padding = 0) => Buffer.from(`%PDF-1.4\n1 0 obj<<>>endobj\n${' '.repeat(padding)}trailer<<>>\n%%EOF\n`);
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
const upload = (bytes: Buffer, filename: string, uploadedBy: string | null = 'u1') =>
  files.upload({ stream: Readable.from([bytes]), filename, uploadedBy });

async function blobCount(): Promise<number> {
  const root = path.join(t.dataDir, 'files', 'sha256');
  let n = 0;
  for (const a of await fs.readdir(root).catch(() => [])) {
    for (const b of await fs.readdir(path.join(root, a))) n += (await fs.readdir(path.join(root, a, b))).length;
  }
  return n;
}
const rowCount = async () => (await t.db.kysely.selectFrom('files').select('id').execute()).length;

describe('file uploads', () => {
  it('stores PDF, PNG, XLSX and XML by content hash, once per content', async () => {
    const a = await upload(pdf(), 'Don de nghi.pdf');
    const b = await upload(pdf(), 'copy.PDF');
    expect(a.sha256).toBe(b.sha256);
    expect(a.kind).toBe('pdf');
    expect((await upload(png, 'anh the.png')).mediaType).toBe('image/png');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['Họ tên', 'Nguyễn Văn An']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await upload(xlsx, 'danh-sach.xlsx')).kind).toBe('xlsx');
    expect((await upload(Buffer.from('<?xml version="1.0"?><hoSo/>'), 'ho-so.xml')).kind).toBe('xml');
    expect(await rowCount()).toBe(5);
    expect(await blobCount()).toBe(4);
    const back = Buffer.concat(await files.open(a).toArray());
    expect(back.equals(pdf())).toBe(true);
  });

  it('refuses executable bytes named .pdf and leaves nothing behind', async () => {
    await expect(upload(exe, 'giay-to.pdf')).rejects.toMatchObject({
      status: 400,
      fields: [expect.objectContaining({ messageKey: 'files.errors.contentMismatch' })],
    });
    expect(await rowCount()).toBe(0);
    expect(await blobCount()).toBe(0);
  });

  it('refuses a file one byte over the limit with 413 and accepts one at the limit', async () => {
    const atLimit = pdf(LIMIT - pdf().length);
    expect(atLimit.length).toBe(LIMIT);
    await expect(upload(atLimit, 'ok.pdf')).resolves.toMatchObject({ size: LIMIT });
    await expect(upload(pdf(LIMIT - pdf().length + 1), 'big.pdf')).rejects.toMatchObject({
      status: 413,
      code: 'file_too_large',
    });
    expect(await rowCount()).toBe(1);
    expect(await blobCount()).toBe(1);
    expect(await fs.readdir(path.join(t.dataDir, 'files', 'tmp'))).toEqual([]);
  });

  it('refuses extensions outside the accepted kinds, before reading the bytes', async () => {
    await expect(upload(exe, 'setup.exe')).rejects.toMatchObject({
      fields: [expect.objectContaining({ messageKey: 'files.errors.extension' })],
    });
    await expect(
      files.upload({ stream: Readable.from([png]), filename: 'a.png', uploadedBy: 'u1', accept: ['pdf'] }),
    ).rejects.toMatchObject({ fields: [expect.objectContaining({ messageKey: 'files.errors.extension' })] });
  });

  it('cleans file names of paths and control characters', async () => {
    expect((await upload(pdf(), '..\\..\\C:\\tmp\\to\u0000 khai.pdf')).name).toBe('to khai.pdf');
  });
});

describe('attaching uploads', () => {
  it('attaches only the uploader’s own unattached files, all or nothing, inside the caller’s transaction', async () => {
    const mine = await upload(pdf(), 'a.pdf', 'u1');
    const theirs = await upload(png, 'b.png', 'u2');
    await expect(
      inTransaction(t.db.kysely, (tx) => files.attach(tx, [mine.id, theirs.id], { kind: 'dossier', id: 'D1' }, 'u1')),
    ).rejects.toMatchObject({ fields: [expect.objectContaining({ params: { id: theirs.id } })] });
    expect((await files.get(mine.id)).refId).toBeNull();
    await expect(
      inTransaction(t.db.kysely, async (tx) => {
        await files.attach(tx, [mine.id], { kind: 'dossier', id: 'D1' }, 'u1');
        throw new Error('submission failed');
      }),
    ).rejects.toThrow('submission failed');
    expect((await files.get(mine.id)).refId).toBeNull();
    await inTransaction(t.db.kysely, (tx) => files.attach(tx, [mine.id], { kind: 'dossier', id: 'D1' }, 'u1'));
    expect(await files.get(mine.id)).toMatchObject({ refKind: 'dossier', refId: 'D1' });
    await expect(
      inTransaction(t.db.kysely, (tx) => files.attach(tx, [mine.id], { kind: 'dossier', id: 'D2' }, 'u1')),
    ).rejects.toMatchObject({ status: 400 });
  });
});

describe('the sweeper', () => {
  it('removes unattached uploads past their time, orphaned blobs and dead temporaries, and keeps the rest', async () => {
    const kept = await upload(pdf(), 'kept.pdf');
    await inTransaction(t.db.kysely, (tx) => files.attach(tx, [kept.id], { kind: 'dossier', id: 'D1' }));
    const abandoned = await upload(png, 'abandoned.png');
    // A crash between writing the bytes and writing the row leaves a blob no row uses, and a dead upload a temporary.
    const orphan = await files.store.put(Readable.from([Buffer.from('<?xml version="1.0"?><x/>')]), LIMIT);
    await fs.writeFile(path.join(t.dataDir, 'files', 'tmp', 'dead.part'), 'partial');
    const old = new Date(clock.now().getTime() - 2 * 3_600_000);
    for (const file of [
      files.store.pathOf(orphan.sha256),
      files.store.pathOf(abandoned.sha256),
      path.join(t.dataDir, 'files', 'tmp', 'dead.part'),
    ]) {
      await fs.utimes(file, old, old);
    }
    expect(await files.sweep()).toEqual({ rows: 0, blobs: 1, temporaries: 1 }); // the abandoned upload is still young
    clock.advance(2 * 3_600_000);
    expect(await files.sweep()).toEqual({ rows: 1, blobs: 1, temporaries: 0 });
    expect(await files.store.has(kept.sha256)).toBe(true);
    expect(await files.store.has(abandoned.sha256)).toBe(false);
    expect(await rowCount()).toBe(1);
    expect(await blobCount()).toBe(1);
  });
});
