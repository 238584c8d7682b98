/**
 * The application pages' one script, bundled and minified from `apply.client.ts` with esbuild on first use and kept
 * in memory; its URL carries a content hash so browsers may cache it for a year.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(import.meta.url);
// `apply.client.ts` beside this file, or `apply.client.js` in a compiled build.
const entry = path.join(path.dirname(here), `apply.client${path.extname(here)}`);
let bundled: Promise<{ code: string; url: string }> | undefined;

export function applyScript(): Promise<{ code: string; url: string }> {
  bundled ??= build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2019',
    write: false,
    logLevel: 'silent',
  }).then((result) => {
    const code = result.outputFiles[0]?.text ?? '';
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 10);
    return { code, url: `/scripts/portal-apply.js?v=${hash}` };
  });
  return bundled;
}
