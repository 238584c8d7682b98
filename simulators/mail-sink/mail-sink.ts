/**
 * A development and test mail server: accepts every message over SMTP, keeps it in memory and shows it at a small
 * web page (`/`) and as JSON (`/messages.json`), so a newcomer can open a verification link without a real mailbox.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SunkMessage {
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  receivedAt: string;
}

export interface MailSink {
  smtpUrl: string;
  httpUrl: string;
  messages: SunkMessage[];
  /** Resolves with the first message to `to` (received now or later) whose subject or text matches. */
  waitFor(to: string, match?: RegExp, timeoutMs?: number): Promise<SunkMessage>;
  stop(): Promise<void>;
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g, (_, _charset: string, enc: string, data: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  );
}

function decodeQuotedPrintable(value: string): string {
  const bytes: number[] = [];
  const text = value.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function splitPart(raw: string): Part {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? '' : raw.slice(end).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** The plain-text body of a message: single part, or the text/plain part of a multipart message. */
function textOf(part: Part): string {
  const type = part.headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const parts = part.body
      .split(`--${boundary}`)
      .slice(1, -1)
      .map((p) => splitPart(p.replace(/^\r?\n/, '')));
    const plain = parts.find((p) => (p.headers.get('content-type') ?? 'text/plain').startsWith('text/plain'));
    return plain ? textOf(plain) : '';
  }
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
  return part.body;
}

export function parseMessage(raw: string): { subject: string; text: string } {
  const part = splitPart(raw);
  return { subject: decodeWords(part.headers.get('subject') ?? ''), text: textOf(part).replace(/\r\n/g, '\n').trim() };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(messages: SunkMessage[]): string {
  const items = [...messages]
    .reverse()
    .map(
      (m) => `<article><h2>${escapeHtml(m.subject)}</h2>
<p><strong>To:</strong> ${escapeHtml(m.to.join(', '))} · <strong>From:</strong> ${escapeHtml(m.from)} · ${escapeHtml(m.receivedAt)}</p>
<pre>${escapeHtml(m.text).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</pre></article>`,
    )
    .join('\n');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hộp thư thử nghiệm (mail sink)</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem;max-width:60rem}pre{white-space:pre-wrap;background:#f3f2f1;padding:.75rem}article{border-bottom:1px solid #b1b4b6}</style>
</head><body><main><h1>Hộp thư thử nghiệm · Mail sink</h1>
<p>Thư do cổng dịch vụ công gửi đi trong chế độ trình diễn. Messages sent by the portal in demo mode (newest first).</p>
${items || '<p>Chưa có thư nào. No messages yet.</p>'}</main></body></html>`;
}

export async function startMailSink(options: { httpPort?: number; host?: string } = {}): Promise<MailSink> {
  const host = options.host ?? '127.0.0.1';
  const messages: SunkMessage[] = [];
  const waiters: { to: string; match?: RegExp; resolve: (m: SunkMessage) => void }[] = [];
  const matches = (m: SunkMessage, to: string, match?: RegExp) =>
    m.to.some((r) => r.toLowerCase() === to.toLowerCase()) && (!match || match.test(`${m.subject}\n${m.text}`));

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'sink' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const { subject, text } = parseMessage(Buffer.concat(chunks).toString('utf8'));
        const message: SunkMessage = {
          id: messages.length + 1,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject,
          text,
          receivedAt: new Date().toISOString(),
        };
        messages.push(message);
        for (const w of waiters.splice(0)) {
          if (matches(message, w.to, w.match)) w.resolve(message);
          else waiters.push(w);
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, host, resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const web = http.createServer((req, res) => {
    if (req.url === '/messages.json') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(messages));
    } else if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(messages));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => web.listen(options.httpPort ?? 0, host, resolve));
  const httpPort = (web.address() as AddressInfo).port;

  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    httpUrl: `http://${host === '127.0.0.1' ? 'localhost' : host}:${httpPort}`,
    messages,
    waitFor(to, match, timeoutMs = 10_000) {
      const found = messages.find((m) => matches(m, to, match));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no mail to ${to} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          to,
          match,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    async stop() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => web.close(() => resolve()));
    },
  };
}
