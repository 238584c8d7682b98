import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { applyScript } from './apply.script.ts';

describe('the application pages script', () => {
  it('is bundled into one file under a content-hashed URL, with upload progress and inline validation', async () => {
    const script = await applyScript();
    expect(script.code).toContain('data-upload');
    expect(script.code).toContain('field-rules');
    expect(script.url).toMatch(/^\/scripts\/portal-apply\.js\?v=[0-9a-f]{10}$/);
  });

  it('keeps the citizen pages within 30 KB of compressed JavaScript in total (it is their only script)', async () => {
    const { code } = await applyScript();
    // 6.4 KB when inline validation came (a third of it zod's pattern module, for the e-mail check the server uses).
    expect(gzipSync(code).length).toBeLessThan(30 * 1024);
    expect(gzipSync(code).length).toBeLessThan(8 * 1024);
  });
});
