import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileTypeFromFile } from 'file-type';
import type { QueryCreator } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { DbOrTx, Tx } from '../../db/transaction.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { AppError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { BlobTooLargeError, LocalBlobStore } from './blob-store.ts';
import * as repo from './files.repo.ts';

/** The kinds of attachment the portal accepts, by the extension a person sees and the type sniffed from the bytes. */
export const fileKinds = {
  pdf: { extensions: ['pdf'], mediaType: 'application/pdf' },
  jpeg: { extensions: ['jpg', 'jpeg'], mediaType: 'image/jpeg' },
  png: { extensions: ['png'], mediaType: 'image/png' },
  docx: {
    extensions: ['docx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  xlsx: { extensions: ['xlsx'], mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  xml: { extensions: ['xml'], mediaType: 'application/xml' },
} as const;
export type FileKind = keyof typeof fileKinds;
const allKinds = Object.keys(fileKinds) as FileKind[];

export interface StoredFile {
  id: string;
  name: string;
  size: number;
  mediaType: string;
  kind: FileKind;
  sha256: string;
  createdAt: string;
}

export type FileWithOwner = StoredFile & { refKind: string | null; refId: string | null; uploadedBy: string | null };

export interface UploadInput {
  stream: Readable;
  filename: string;
  uploadedBy: string | null;
  /** Kinds the caller accepts (a dossier component may take only PDF, say); default: all. */
  accept?: readonly FileKind[];
}

export interface FileSettings {
  dataDir: string;
  maxFileBytes: number;
  /** How long an upload may wait to be attached before the sweeper removes it. */
  unattachedTtlMs?: number;
}

const HOUR_MS = 3_600_000;

export class FileService {
  readonly store: LocalBlobStore;
  private readonly ttlMs: number;

  constructor(
    private readonly db: Db,
    private readonly settings: FileSettings,
    private readonly clock: Clock = systemClock,
  ) {
    this.store = new LocalBlobStore(path.join(settings.dataDir, 'files'));
    this.ttlMs = settings.unattachedTtlMs ?? 24 * HOUR_MS;
  }

  /** The largest file the store accepts, in bytes. */
  get maxFileBytes(): number {
    return this.settings.maxFileBytes;
  }

  /**
   * Stores an upload: its bytes go to disk first (durably), its type is sniffed from those bytes and must agree with
   * its extension, and only then is the row written. A refused upload leaves nothing behind.
   */
  async upload(input: UploadInput): Promise<StoredFile> {
    const name = cleanName(input.filename);
    const extension = path.extname(name).slice(1).toLowerCase();
    const accept = input.accept ?? allKinds;
    const claimed = allKinds.find((k) => (fileKinds[k].extensions as readonly string[]).includes(extension));
    if (!claimed || !accept.includes(claimed)) {
      input.stream.resume();
      throw new ValidationError([
        { path: 'file', messageKey: 'files.errors.extension', params: { name, accepted: describeKinds(accept) } },
      ]);
    }
    let put: { sha256: string; size: number };
    try {
      put = await this.store.put(input.stream, this.settings.maxFileBytes);
    } catch (error) {
      if (error instanceof BlobTooLargeError) {
        throw new AppError('file_too_large', 413, 'files.errors.tooLarge', {
          name,
          limit: `${Math.round(this.settings.maxFileBytes / 1024 / 1024)} MB`,
        });
      }
      throw error;
    }
    const sniffed = await this.sniff(put.sha256);
    if (sniffed !== claimed) {
      await this.forgetIfUnused(put.sha256);
      throw new ValidationError([
        { path: 'file', messageKey: 'files.errors.contentMismatch', params: { name, extension } },
      ]);
    }
    const file: StoredFile = {
      id: randomUUID(),
      name,
      size: put.size,
      mediaType: fileKinds[claimed].mediaType,
      kind: claimed,
      sha256: put.sha256,
      createdAt: this.clock.now().toISOString(),
    };
    await repo.insertFile(this.db.kysely, {
      id: file.id,
      sha256: file.sha256,
      size: file.size,
      media_type: file.mediaType,
      name: file.name,
      uploaded_by: input.uploadedBy,
      created_at: file.createdAt,
    });
    return file;
  }

  /**
   * Attaches uploads to what uses them, inside the caller's transaction: every id must exist, be unattached, and (when
   * `uploadedBy` is given) belong to that person; otherwise the error names the others and the caller's transaction
   * rolls back what this did. One statement when all is well: the check is the update's own condition.
   */
  async attach(
    tx: Tx,
    ids: readonly string[],
    ref: { kind: string; id: string },
    uploadedBy?: string | null,
  ): Promise<StoredFile[]> {
    const unique = [...new Set(ids)];
    const attached = await repo.attach(tx, unique, ref.kind, ref.id, this.clock.now().toISOString(), uploadedBy);
    if (attached.length !== unique.length) {
      const ok = new Set(attached.map((r) => r.id));
      throw new ValidationError(
        unique
          .filter((id) => !ok.has(id))
          .map((id) => ({ path: 'files', messageKey: 'files.errors.unknownUpload', params: { id } })),
      );
    }
    return attached.map(toStoredFile);
  }

  /**
   * `attach` as an update to run as part of a larger statement (one that writes what the files are attached to), for
   * files that must also be of given kinds: it returns the ids and sizes of those it attached, and the caller must
   * check that they are all of `kinds`' ids (not none).
   */
  attachment(
    qc: QueryCreator<Database>,
    kinds: ReadonlyMap<string, readonly FileKind[]>,
    ref: { kind: string; id: string },
    uploadedBy?: string | null,
  ) {
    const byKinds = new Map<string, { mediaTypes: string[]; ids: string[] }>();
    for (const [id, accepted] of kinds) {
      const key = [...accepted].sort().join();
      const group = byKinds.get(key) ?? { mediaTypes: accepted.map((k) => fileKinds[k].mediaType), ids: [] };
      group.ids.push(id);
      byKinds.set(key, group);
    }
    const at = this.clock.now().toISOString();
    return repo
      .attachUpdate(qc, [...kinds.keys()], ref.kind, ref.id, at, uploadedBy)
      .where((eb) =>
        eb.or(
          [...byKinds.values()].map(({ mediaTypes, ids }) =>
            mediaTypes.length === 0 ? eb.lit(false) : eb.and([eb('id', 'in', ids), eb('media_type', 'in', mediaTypes)]),
          ),
        ),
      )
      .returning(['id', 'size']);
  }

  /**
   * A new, unattached upload with the same content as `id` (the bytes are stored once): how a document kept by one
   * owner (a draft, an earlier dossier) is handed to the next without being uploaded again.
   */
  async copy(id: string, uploadedBy: string | null): Promise<StoredFile> {
    const [row] = await repo.findFiles(this.db.kysely, [id]);
    if (!row) throw new NotFoundError('files.errors.notFound', {}, 'file_not_found');
    const file = { ...toStoredFile(row), id: randomUUID(), createdAt: this.clock.now().toISOString() };
    await repo.insertFile(this.db.kysely, {
      id: file.id,
      sha256: file.sha256,
      size: file.size,
      media_type: file.mediaType,
      name: file.name,
      uploaded_by: uploadedBy,
      created_at: file.createdAt,
    });
    return file;
  }

  /**
   * Forgets the files attached to an owner that is going away (all of them, or only `ids`); the sweeper then removes
   * bytes no other row uses.
   */
  async discard(tx: DbOrTx, ref: { kind: string; id: string }, ids?: readonly string[]): Promise<number> {
    return (await repo.deleteAttached(tx, ref.kind, ref.id, ids)).length;
  }

  async get(id: string): Promise<FileWithOwner> {
    const found = (await this.getMany([id])).get(id);
    if (!found) throw new NotFoundError('files.errors.notFound', {}, 'file_not_found');
    return found;
  }

  /** Several files in one query, by id; unknown ids are missing from the map. */
  async getMany(ids: readonly string[]): Promise<Map<string, FileWithOwner>> {
    if (ids.length === 0) return new Map();
    const rows = await repo.findFiles(this.db.kysely, [...new Set(ids)]);
    return new Map(
      rows.map((row) => [
        row.id,
        { ...toStoredFile(row), refKind: row.ref_kind, refId: row.ref_id, uploadedBy: row.uploaded_by },
      ]),
    );
  }

  /** The files attached to one owner (a dossier, a feedback item). */
  async attachedTo(kind: string, id: string): Promise<StoredFile[]> {
    return (await repo.findAttachedTo(this.db.kysely, kind, id)).map(toStoredFile);
  }

  open(file: Pick<StoredFile, 'sha256'>): Readable {
    return this.store.open(file.sha256);
  }

  /**
   * Removes uploads never attached within the time limit, blobs no row uses (a crash between writing the bytes and the
   * row), and temporaries of uploads that died. A grace period protects uploads in flight.
   */
  async sweep(graceMs = HOUR_MS): Promise<{ rows: number; blobs: number; temporaries: number }> {
    const now = this.clock.now().getTime();
    const expired = await repo.deleteUnattachedBefore(this.db.kysely, new Date(now - this.ttlMs).toISOString());
    const candidates = [...new Set([...expired, ...(await this.store.listOlderThan(new Date(now - graceMs)))])];
    const inUse = await repo.digestsInUse(this.db.kysely, candidates);
    const orphans = candidates.filter((d) => !inUse.has(d));
    for (const digest of orphans) await this.store.delete(digest);
    const temporaries = await this.store.removeStaleTemporaries(new Date(now - graceMs));
    return { rows: expired.length, blobs: orphans.length, temporaries };
  }

  private async sniff(sha256: string): Promise<FileKind | undefined> {
    const type = await fileTypeFromFile(this.store.pathOf(sha256));
    if (type) return allKinds.find((k) => fileKinds[k].mediaType === type.mime);
    // Plain-text XML has no magic number file-type trusts; accept a document that starts as XML.
    const head = (await this.store.head(sha256, 64))
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    return head.startsWith('<?xml') ? 'xml' : undefined;
  }

  private async forgetIfUnused(sha256: string): Promise<void> {
    if (!(await repo.digestsInUse(this.db.kysely, [sha256])).has(sha256)) await this.store.delete(sha256);
  }
}

function toStoredFile(r: repo.FileRow): StoredFile {
  const kind = allKinds.find((k) => fileKinds[k].mediaType === r.media_type) ?? 'pdf';
  return {
    id: r.id,
    name: r.name,
    size: r.size,
    mediaType: r.media_type,
    kind,
    sha256: r.sha256,
    createdAt: r.created_at,
  };
}

/** The last path segment, without control characters, at most 200 characters (keeping the extension). */
function cleanName(filename: string): string {
  const base = path
    .basename(filename.replace(/\\/g, '/'))
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim();
  if (base.length <= 200) return base || 'tep-dinh-kem';
  const ext = path.extname(base);
  return base.slice(0, 200 - ext.length) + ext;
}

function describeKinds(kinds: readonly FileKind[]): string {
  return kinds.map((k) => fileKinds[k].extensions[0]?.toUpperCase()).join(', ');
}
