import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class BlobTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`blob exceeds ${limit} bytes`);
  }
}

export interface PutResult {
  sha256: string;
  size: number;
}

/**
 * Content-addressed files on local disk: `<root>/sha256/ab/cd/<digest>`. A blob is written to a temporary file,
 * flushed to disk, then renamed into place, so a crash leaves either the whole blob or a temporary file the sweeper
 * removes; the same content is stored once.
 */
export class LocalBlobStore {
  private readonly blobs: string;
  private readonly tmp: string;

  constructor(root: string) {
    this.blobs = path.join(root, 'sha256');
    this.tmp = path.join(root, 'tmp');
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256 digest: ${sha256}`);
    return path.join(this.blobs, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: Readable, limit: number): Promise<PutResult> {
    await fs.mkdir(this.tmp, { recursive: true });
    const temp = path.join(this.tmp, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            if (size > limit) throw new BlobTooLargeError(limit);
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(temp, { flags: 'wx' }),
      );
      const handle = await fs.open(temp, 'r+');
      await handle.sync().finally(() => handle.close());
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      await fs.mkdir(path.dirname(target), { recursive: true });
      if (await exists(target)) {
        // Known content: keep the stored copy, and mark it fresh so the sweeper's grace period starts again.
        const now = new Date();
        await fs.utimes(target, now, now);
        await fs.rm(temp, { force: true });
      } else {
        await fs.rename(temp, target);
        await syncDir(path.dirname(target));
      }
      return { sha256, size };
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }

  async head(sha256: string, bytes: number): Promise<Buffer> {
    const handle = await fs.open(this.pathOf(sha256), 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  open(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(sha256));
  }

  async delete(sha256: string): Promise<void> {
    await fs.rm(this.pathOf(sha256), { force: true });
  }

  /** Digests of blobs last written before `before`. */
  async listOlderThan(before: Date): Promise<string[]> {
    const found: string[] = [];
    for (const a of await readdirIfAny(this.blobs)) {
      for (const b of await readdirIfAny(path.join(this.blobs, a))) {
        for (const name of await readdirIfAny(path.join(this.blobs, a, b))) {
          const stat = await fs.stat(path.join(this.blobs, a, b, name)).catch(() => undefined);
          if (stat && stat.mtime < before) found.push(name);
        }
      }
    }
    return found;
  }

  /** Removes temporary files of uploads that died before finishing. */
  async removeStaleTemporaries(before: Date): Promise<number> {
    let removed = 0;
    for (const name of await readdirIfAny(this.tmp)) {
      const file = path.join(this.tmp, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat && stat.mtime < before) {
        await fs.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

async function readdirIfAny(dir: string): Promise<string[]> {
  return fs.readdir(dir).catch(() => []);
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  await handle.sync().finally(() => handle.close());
}
