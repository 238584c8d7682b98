import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailSink, startMailSink } from './mail-sink.ts';

let sink: MailSink;
beforeAll(async () => {
  sink = await startMailSink();
});
afterAll(() => sink.stop());

describe('mail sink', () => {
  it('keeps Vietnamese mail sent by nodemailer and shows it as JSON and HTML with clickable links', async () => {
    const transport = nodemailer.createTransport(sink.smtpUrl);
    await transport.sendMail({
      from: 'Cổng Dịch vụ công <no-reply@motcua.local>',
      to: 'an.nguyen@example.vn',
      subject: 'Xác minh địa chỉ thư điện tử',
      text: `Chào Nguyễn Văn An,\nMở liên kết: http://localhost:3000/verify-email?token=abc_123\n${'Dòng dài. '.repeat(20)}`,
    });
    const mail = await sink.waitFor('an.nguyen@example.vn', /Xác minh/);
    expect(mail.subject).toBe('Xác minh địa chỉ thư điện tử');
    expect(mail.text).toContain('Chào Nguyễn Văn An');
    expect(mail.text).toContain('http://localhost:3000/verify-email?token=abc_123');
    const json = (await (await fetch(`${sink.httpUrl}/messages.json`)).json()) as { subject: string }[];
    expect(json.map((m) => m.subject)).toContain('Xác minh địa chỉ thư điện tử');
    const html = await (await fetch(sink.httpUrl)).text();
    expect(html).toContain('<a href="http://localhost:3000/verify-email?token=abc_123">');
  });
});
