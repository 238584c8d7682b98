import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { applyScript } from './apply.script.ts';

describe('the application pages script', () => {
  it('is bundled into one small file under a content-hashed URL, well within the 30 KB compressed budget', async () => {
    const script = await applyScript();
    expect(script.code).toContain('data-upload');
    expect(script.url).toMatch(/^\/scripts\/portal-apply\.js\?v=[0-9a-f]{10}$/);
    expect(gzipSync(script.code).length).toBeLessThan(30 * 1024);
  });
});
