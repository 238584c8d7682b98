import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type Harness, runAxe, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('home page in a browser', () => {
  it('loads on a 360 px phone screen with no accessibility violations, and switches to English', async () => {
    const context = await h.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const response = await page.goto(h.baseUrl);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Dịch vụ công trực tuyến');
    expect(await axeViolations(page)).toEqual([]);
    // Nothing may overflow sideways on a small phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Online public services');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('the accessibility check finds what is wrong on a page that breaks the rules, even after a navigation', async () => {
    const page = await h.browser.newPage();
    await page.goto(h.baseUrl);
    expect(await runAxe(page)).toEqual([]);
    await page.setContent(
      '<html lang="vi"><body><main><img src="/x.png"><p style="color:#bbb">Mờ</p></main></body></html>',
    );
    const found = await runAxe(page);
    expect(found.map((v) => v.split(':')[0])).toEqual(expect.arrayContaining(['image-alt', 'color-contrast']));
    await page.close();
  });
});
