import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true, env: { MOTCUA_ZALO_URL: 'https://zalo.me/1900123400' } });
});
afterAll(() => t.cleanup());

const page = (url: string) => t.app.inject({ url, headers: { accept: 'text/html' } });

describe('help', () => {
  it('shows the help desk from the settings: hotline, Zalo and e-mail', async () => {
    const res = await page('/help');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="tel:19001234"');
    expect(res.body).toContain('href="https://zalo.me/1900123400"');
    expect(res.body).toContain('href="mailto:motcua@binhduong.gov.vn"');
  });

  it('shows a procedure’s frequently asked questions from the catalogue, or says there are none', async () => {
    const faq = await page('/help/procedures/1.000656.000.00.00.H08');
    expect(faq.statusCode).toBe(200);
    expect(faq.body).toContain('Câu hỏi thường gặp: Đăng ký khai tử');
    expect(faq.body).toContain('<summary>Tôi có thể nhận Trích lục khai tử bản điện tử không?</summary>');
    const none = await page('/help/procedures/2.001610.000.00.00.H08');
    expect(none.body).toContain('Thủ tục này chưa có câu hỏi thường gặp');
    expect((await page('/help/procedures/9.999999.000.00.00.H08')).statusCode).toBe(404);
  });

  it('answers an unknown page with a plain 404 page in Vietnamese or English, with ways on', async () => {
    const vi = await page('/khong-co-trang-nay');
    expect(vi.statusCode).toBe(404);
    expect(vi.body).toContain('<title>Không tìm thấy trang');
    expect(vi.body).toContain('<h1>Không tìm thấy trang</h1>');
    expect(vi.body).toContain('href="/track"');
    expect(vi.body).toContain('href="https://zalo.me/1900123400"');
    const en = await page('/no-such-page?lang=en');
    expect(en.body).toContain('<h1>Page not found</h1>');
    expect(en.body).toContain('<html lang="en">');
  });
});
