// The refresh thread: computes cells on its own connection to the SQLite file, so that the long reads of a refresh
// do not hold the event loop of the thread serving requests (libsql runs each statement synchronously).
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/database.ts';
import { computeCells, type RefreshPlan } from './refresh-compute.ts';

const db = openDatabase((workerData as { url: string }).url);

// A failure ends the thread, which rejects the refresh, and the next refresh starts a new one.
parentPort!.on('message', async ({ id, plan }: { id: number; plan: RefreshPlan }) => {
  try {
    parentPort!.postMessage({ id, cells: await computeCells(db, plan) });
  } catch (error) {
    throw crossable(error);
  }
});

/** libsql's errors reach the other thread without their message: a plain Error keeps it. */
function crossable(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const plain = new Error(error.message);
  plain.stack = error.stack;
  return plain;
}
