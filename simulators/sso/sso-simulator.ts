/**
 * A stand-in for the national electronic identity provider (VNeID-style OpenID Connect), built on oidc-provider:
 * authorization code flow with PKCE, a few test identities and its own login-and-consent page.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestIdentity {
  sub: string;
  name: string;
  /** CCCD number. */
  identity_number: string;
  birthdate: string;
  address: string;
  phone_number: string;
}

export const testIdentities: TestIdentity[] = [
  {
    sub: 'vneid-7f3a01',
    name: 'Nguyễn Thị Mai',
    identity_number: '074185000123',
    birthdate: '1985-06-15',
    address: 'Số 12 đường Yersin, phường Phú Cường, thành phố Thủ Dầu Một, tỉnh Bình Dương',
    phone_number: '0912000111',
  },
  {
    sub: 'vneid-7f3a02',
    name: 'Trần Văn Hùng',
    identity_number: '079090001122',
    birthdate: '1990-01-20',
    address: 'Số 5 đường Nguyễn Văn Tiết, phường Lái Thiêu, thành phố Thuận An, tỉnh Bình Dương',
    phone_number: '0987000222',
  },
  {
    sub: 'vneid-7f3a03',
    name: 'Lê Hoàng Yến',
    identity_number: '001298004455',
    birthdate: '1998-09-02',
    address: 'Số 30 phố Hàng Bài, phường Hàng Bài, quận Hoàn Kiếm, thành phố Hà Nội',
    phone_number: '0356000333',
  },
];

export interface SsoClientRegistration {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface SsoSimulator {
  issuer: string;
  stop(): Promise<void>;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function loginPage(uid: string, clientId: string): string {
  const choices = testIdentities
    .map(
      (p, i) => `<li><input type="radio" name="sub" id="p${i}" value="${p.sub}"${i === 0 ? ' checked' : ''}>
<label for="p${i}">${escapeHtml(p.name)} – CCCD ${p.identity_number}</label></li>`,
    )
    .join('\n');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Đăng nhập tài khoản định danh điện tử (mô phỏng)</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem;max-width:36rem}li{list-style:none;margin:.5rem 0}button{font:inherit;font-weight:700;padding:.6rem 1rem;background:#a50e0e;color:#fff;border:0}</style>
</head><body><main>
<h1>Đăng nhập tài khoản định danh điện tử</h1>
<p>Máy chủ mô phỏng dùng để thử nghiệm. Chọn một công dân thử nghiệm.</p>
<form method="post" action="/interaction/${uid}">
<fieldset><legend>Công dân</legend><ul>${choices}</ul></fieldset>
<p>Ứng dụng <strong>${escapeHtml(clientId)}</strong> xin nhận họ tên, số định danh, ngày sinh, địa chỉ và số điện thoại của bạn.</p>
<button type="submit">Đồng ý và đăng nhập</button>
</form></main></body></html>`;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startSsoSimulator(options: {
  port?: number;
  host?: string;
  clients: SsoClientRegistration[];
}): Promise<SsoSimulator> {
  const host = options.host ?? '127.0.0.1';
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const issuer = `http://${host === '127.0.0.1' ? 'localhost' : host}:${(server.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    claims: {
      openid: ['sub'],
      profile: ['name', 'birthdate'],
      address: ['address'],
      phone: ['phone_number'],
      identity: ['identity_number'],
    },
    scopes: ['openid', 'profile', 'address', 'phone', 'identity'],
    async findAccount(_ctx: unknown, sub: string) {
      const person = testIdentities.find((p) => p.sub === sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { ...person, address: { formatted: person.address } };
        },
      };
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [privateKey.export({ format: 'jwk' })] },
    pkce: { required: () => true },
  });
  const callback = provider.callback();

  server.on('request', async (req, res) => {
    const match = /^\/interaction\/([\w-]+)$/.exec(req.url ?? '');
    if (!match) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      const clientId = details.params.client_id ?? '';
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid, clientId));
        return;
      }
      const sub = (await readForm(req)).get('sub') ?? '';
      if (!testIdentities.some((p) => p.sub === sub)) {
        res.writeHead(400).end('unknown identity');
        return;
      }
      const grant = new provider.Grant({ accountId: sub, clientId });
      grant.addOIDCScope(details.params.scope ?? 'openid');
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId: sub }, consent: { grantId } });
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(String(error));
    }
  });

  return {
    issuer,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
