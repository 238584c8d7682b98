// Node 20 does not load TypeScript in a worker: the refresh thread goes through tsx, as bin/motcua.js does.
import { register } from 'tsx/esm/api';

register();
await import('./refresh-worker.ts');
