/**
 * The thread that computes a refresh's cells on SQLite (refresh-worker.ts). It starts with the first refresh, keeps
 * the process alive only while it works, and ends after a minute without work; a failure ends it and rejects the
 * refreshes it was computing, and the next refresh starts a new one.
 */
import { Worker } from 'node:worker_threads';
import type { ComputedCells, RefreshPlan } from './refresh-compute.ts';

const IDLE_MS = 60_000;

// From the TypeScript sources (tsx, vitest) through the bootstrap; from a build, the compiled module itself.
const entry = import.meta.url.endsWith('.ts')
  ? new URL('./refresh-worker.mjs', import.meta.url)
  : new URL('./refresh-worker.js', import.meta.url);

interface Running {
  worker: Worker;
  pending: Map<number, { resolve(cells: ComputedCells): void; reject(error: unknown): void }>;
}

export class RefreshThread {
  readonly #url: string;
  #running: Running | undefined;
  #idle: NodeJS.Timeout | undefined;
  #nextId = 0;

  /** `url`: the SQLite database, as `openDatabase` takes it. */
  constructor(url: string) {
    this.#url = url;
  }

  compute(plan: RefreshPlan): Promise<ComputedCells> {
    clearTimeout(this.#idle);
    const running = this.#running ?? this.#start();
    running.worker.ref();
    const id = ++this.#nextId;
    return new Promise((resolve, reject) => {
      running.pending.set(id, { resolve, reject });
      running.worker.postMessage({ id, plan });
    });
  }

  #start(): Running {
    const running: Running = { worker: new Worker(entry, { workerData: { url: this.#url } }), pending: new Map() };
    const { worker, pending } = running;
    worker.on('message', ({ id, cells }: { id: number; cells: ComputedCells }) => {
      pending.get(id)?.resolve(cells);
      pending.delete(id);
      if (pending.size === 0) this.#rest(running);
    });
    const fail = (error: unknown) => {
      if (this.#running === running) this.#running = undefined;
      for (const { reject } of pending.values()) reject(error);
      pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the statistics refresh thread exited with code ${code}`)));
    this.#running = running;
    return running;
  }

  #rest(running: Running): void {
    running.worker.unref();
    this.#idle = setTimeout(() => {
      if (this.#running === running) this.#running = undefined;
      void running.worker.terminate();
    }, IDLE_MS).unref();
  }
}
