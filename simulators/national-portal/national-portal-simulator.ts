/**
 * A stand-in for the National Public Service Portal (DVCQG) for tests and the demo, speaking its side of the
 * exchange over HTTP:
 * - `POST /api/dongbo/hoso` takes a dossier sync packet, checks the HMAC signature and every field it relies on
 *   (answering with its error codes), and keeps each packet once per `Idempotency-Key`;
 * - `GET /api/hoso/moi?sau=N` lists dossiers filed on the national portal after position N (for polling);
 * - `GET /api/tthc` serves procedure definitions of the national procedure database;
 * - `GET /api/tep/{id}` serves, signed like every request, a file attached to a dossier filed here;
 * - dossiers filed here are also pushed, signed, to the provincial system's callback URL when one is set.
 * Switches make it fail on demand: HTTP 500, no answer (timeout), 429, a malformed answer, duplicate pushes.
 * A page at `/` shows what it received; `/packets.json` the same as JSON.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FailureMode = '500' | 'timeout' | '429' | 'malformed';

export interface ReceivedPacket {
  /** Position in arrival order, from 1. */
  seq: number;
  idempotencyKey: string;
  receivedAt: string;
  packet: Record<string, unknown>;
}

interface NationalFee {
  MaPhiLePhi?: string;
  TenPhiLePhi: string;
  MucPhi: number;
}

interface NationalComponent {
  MaThanhPhan: string;
  TenThanhPhan: string;
  BatBuoc: boolean;
}

/** A case (trường hợp) of a procedure: its own deadline, fees and documents. */
interface NationalCase {
  MaTruongHop: string;
  TenTruongHop: string;
  ThoiHanGiaiQuyet: number;
  DonViThoiHan: 'NgayLamViec' | 'GioLamViec' | 'Ngay';
  PhiLePhi: NationalFee[];
  ThanhPhanHoSo: NationalComponent[];
}

/**
 * A procedure of the national procedure database (CSDL TTHC). One without `TruongHop` has a single case, described by
 * the deadline, fees and documents at its top level.
 */
export interface NationalProcedure {
  MaTTHC: string;
  TenTTHC: string;
  MaLinhVuc: string;
  TenLinhVuc: string;
  ThoiHanGiaiQuyet?: number;
  DonViThoiHan?: 'NgayLamViec' | 'GioLamViec' | 'Ngay';
  PhiLePhi?: NationalFee[];
  ThanhPhanHoSo?: NationalComponent[];
  TruongHop?: NationalCase[];
  CanCuPhapLy?: string[];
  TrinhTuThucHien?: string[];
  YeuCauDieuKien?: string;
  KetQuaThucHien?: string;
  /** 'CongDan' and/or 'DoanhNghiep'. */
  DoiTuongThucHien?: string[];
  /** The agency that carries it out (QCVN 102 identifier) and its level. */
  CoQuanThucHien?: { MaCoQuan: string; CapThucHien: 'Tinh' | 'Xa' };
  NgayCapNhat: string;
}

export interface NationalPortalSimulatorOptions {
  port?: number;
  clientId: string;
  secret: string;
  /** Where filed dossiers are pushed; unset: the provincial system polls. */
  callbackUrl?: string;
  procedures?: NationalProcedure[];
}

export interface NationalPortalSimulator {
  url: string;
  /** Sync packets kept, once per idempotency key, in arrival order. */
  packets: ReceivedPacket[];
  /** Every sync request that passed the signature check, repeats included. */
  deliveries: number;
  /** Sync requests refused, with the error code given. */
  refusals: { errorCode: string; message: string }[];
  procedures: NationalProcedure[];
  /** Replaces what `/api/tthc` serves; entries need not be well formed (to test the reader's checks). */
  setProcedures(procedures: readonly unknown[]): void;
  setCallbackUrl(url: string | undefined): void;
  /** The next `times` sync requests fail this way (`Infinity`: until `recover`). */
  failNext(mode: FailureMode, times?: number): void;
  recover(): void;
  /** Keeps a file attached to a dossier filed here; returns the link a packet's `DuongDanTaiTepTin` carries. */
  addFile(bytes: Uint8Array): string;
  /** The next `times` file downloads fail this way (`Infinity`: until `recover`). */
  failFilesNext(mode: Exclude<FailureMode, 'malformed'>, times?: number): void;
  /** File downloads that passed the signature check, failed ones included. */
  fileDownloads: number;
  /** Each filed dossier is pushed twice (a duplicate callback). */
  duplicatePushes(on: boolean): void;
  /** A dossier filed on the national portal: kept for polling and pushed; resolves with the push's HTTP status. */
  file(dossier: Record<string, unknown>): Promise<number | null>;
  /** A push signed with the wrong secret, as a forger would send it; resolves with the HTTP status. */
  pushForged(dossier: Record<string, unknown>): Promise<number>;
  stop(): Promise<void>;
}

const DATE = /^\d{14}$/;
const FIVE_MINUTES = 300;

function sign(secret: string, timestamp: string, method: string, path: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${method}.${path}.${body}`).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The fields DVCQG relies on; returns the first problem, in its wording. */
function packetProblem(p: Record<string, unknown>): string | null {
  const text = (name: string, max = 500) =>
    typeof p[name] === 'string' && (p[name] as string).trim() !== '' && (p[name] as string).length <= max
      ? null
      : `${name} bắt buộc`;
  for (const name of ['MaHoSo', 'MaTTHC', 'TenTTHC', 'MaLinhVuc', 'ChuHoSo', 'SoGiayToChuHoSo', 'NgayNopHoSo']) {
    const problem = text(name);
    if (problem) return problem;
  }
  if (!/^[A-Z0-9.]+-\d{6}-\d{4}$/.test(p.MaHoSo as string)) return 'MaHoSo sai định dạng';
  if (![1, 2, 3].includes(p.KenhThucHien as number)) return 'KenhThucHien phải là 1, 2 hoặc 3';
  const status = p.TrangThaiHoSo;
  if (!Number.isInteger(status) || (status as number) < 1 || (status as number) > 10) {
    return 'TrangThaiHoSo phải từ 1 đến 10';
  }
  for (const name of ['NgayNopHoSo', 'NgayTiepNhan', 'NgayHenTra', 'NgayKetThucXuLy', 'NgayTra', 'NgayTuChoi']) {
    const value = p[name];
    if (value !== undefined && value !== null && value !== '' && !(typeof value === 'string' && DATE.test(value))) {
      return `${name} phải có dạng yyyyMMddHHmmss`;
    }
  }
  if (![0, 1, 2].includes((p.DuocThanhToanTrucTuyen as number | undefined) ?? 0)) {
    return 'DuocThanhToanTrucTuyen phải là 0, 1 hoặc 2';
  }
  if (!Array.isArray(p.QuaTrinhXuLy) || p.QuaTrinhXuLy.length === 0) return 'QuaTrinhXuLy bắt buộc';
  for (const step of p.QuaTrinhXuLy as Record<string, unknown>[]) {
    if (typeof step?.ThoiDiemXuLy !== 'string' || !DATE.test(step.ThoiDiemXuLy)) {
      return 'QuaTrinhXuLy.ThoiDiemXuLy phải có dạng yyyyMMddHHmmss';
    }
    if (typeof step.NoiDungXuLy !== 'string' || step.NoiDungXuLy === '') return 'QuaTrinhXuLy.NoiDungXuLy bắt buộc';
  }
  for (const list of ['TaiLieuNop', 'DanhSachLePhi', 'DanhSachGiayToKetQua']) {
    if (p[list] !== undefined && !Array.isArray(p[list])) return `${list} phải là danh sách`;
  }
  return null;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export async function startNationalPortalSimulator(
  options: NationalPortalSimulatorOptions,
): Promise<NationalPortalSimulator> {
  const packets: ReceivedPacket[] = [];
  const answers = new Map<string, string>();
  const filed: Record<string, unknown>[] = [];
  const failures: { mode: FailureMode; left: number }[] = [];
  const fileFailures: { mode: FailureMode; left: number }[] = [];
  const files = new Map<string, Uint8Array>();
  let callbackUrl = options.callbackUrl;
  let duplicate = false;
  let procedures: readonly unknown[] = options.procedures ?? [];
  const sockets = new Set<import('node:net').Socket>();

  const state = {
    deliveries: 0,
    fileDownloads: 0,
    refusals: [] as { errorCode: string; message: string }[],
  };

  const answer = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const refuse = (res: http.ServerResponse, status: number, errorCode: string, message: string) => {
    state.refusals.push({ errorCode, message });
    answer(res, status, { error_code: errorCode, message });
  };

  /** Checks our client's signature; answers the refusal itself and returns false when it does not hold. */
  const authenticated = (req: http.IncomingMessage, res: http.ServerResponse, path: string, body: string) => {
    const clientId = req.headers['x-client-id'];
    const timestamp = String(req.headers['x-timestamp'] ?? '');
    const signature = String(req.headers['x-signature'] ?? '');
    if (clientId !== options.clientId) {
      refuse(res, 401, '401', 'Mã đơn vị kết nối không hợp lệ');
      return false;
    }
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > FIVE_MINUTES) {
      refuse(res, 401, '401', 'Thời điểm ký không hợp lệ');
      return false;
    }
    if (!sameHex(signature, sign(options.secret, timestamp, req.method ?? '', path, body))) {
      refuse(res, 401, '401', 'Chữ ký không hợp lệ');
      return false;
    }
    return true;
  };

  const takeFailure = (queue = failures): FailureMode | undefined => {
    const next = queue[0];
    if (!next) return undefined;
    next.left -= 1;
    if (next.left <= 0) queue.shift();
    return next.mode;
  };

  const sync = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => {
    if (!authenticated(req, res, '/api/dongbo/hoso', body)) return;
    state.deliveries += 1;
    const failure = takeFailure();
    if (failure === '500') return answer(res, 500, { error_code: '500', message: 'Lỗi hệ thống' });
    if (failure === '429') {
      res.setHeader('retry-after', '1');
      return answer(res, 429, { error_code: '429', message: 'Vượt quá số yêu cầu cho phép' });
    }
    const key = String(req.headers['idempotency-key'] ?? '');
    if (!/^[\w:.-]{1,200}$/.test(key)) return refuse(res, 400, '400', 'Idempotency-Key bắt buộc');
    let packet: Record<string, unknown>;
    try {
      packet = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return refuse(res, 400, '400', 'Dữ liệu không phải JSON');
    }
    if (typeof packet !== 'object' || packet === null || Array.isArray(packet)) {
      return refuse(res, 400, '400', 'Dữ liệu phải là một đối tượng');
    }
    const problem = packetProblem(packet);
    if (problem) return refuse(res, 422, '422', problem);
    // The same key twice changes nothing: the first answer is repeated.
    let reply = answers.get(key);
    if (!reply) {
      packets.push({ seq: packets.length + 1, idempotencyKey: key, receivedAt: new Date().toISOString(), packet });
      reply = JSON.stringify({ error_code: '0', message: 'Đồng bộ thành công', MaHoSo: packet.MaHoSo });
      answers.set(key, reply);
    }
    // A timeout: the packet is kept, but the answer never comes (as when our side dies mid-delivery).
    if (failure === 'timeout') return;
    if (failure === 'malformed') return answer(res, 200, '{"error_code": "0", "message": ');
    return answer(res, 200, reply);
  };

  const file = (req: http.IncomingMessage, res: http.ServerResponse, path: string) => {
    if (!authenticated(req, res, path, '')) return;
    state.fileDownloads += 1;
    const failure = takeFailure(fileFailures);
    if (failure === 'timeout') return;
    if (failure === '500') return answer(res, 500, { error_code: '500', message: 'Lỗi hệ thống' });
    if (failure === '429') {
      res.setHeader('retry-after', '1');
      return answer(res, 429, { error_code: '429', message: 'Vượt quá số yêu cầu cho phép' });
    }
    const bytes = files.get(path.slice('/api/tep/'.length));
    if (!bytes) return refuse(res, 404, '404', 'Không tìm thấy tệp');
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
    res.end(bytes);
  };

  const page = (res: http.ServerResponse) => {
    const rows = packets
      .map(
        (p) =>
          `<tr><td>${p.seq}</td><td>${escapeHtml(String(p.packet.MaHoSo))}</td><td>${escapeHtml(String(p.packet.TrangThaiHoSo))}</td><td>${escapeHtml(p.idempotencyKey)}</td><td>${p.receivedAt}</td></tr>`,
      )
      .join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Mô phỏng Cổng DVC quốc gia</title></head><body><main><h1>Mô phỏng Cổng Dịch vụ công quốc gia</h1><p>Gói đồng bộ đã nhận: ${packets.length}; hồ sơ nộp trên Cổng: ${filed.length}.</p><table><thead><tr><th>#</th><th>MaHoSo</th><th>TrangThaiHoSo</th><th>Idempotency-Key</th><th>Nhận lúc</th></tr></thead><tbody>${rows}</tbody></table></main></body></html>`,
    );
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://simulator');
      if (req.method === 'POST' && url.pathname === '/api/dongbo/hoso') return sync(req, res, body);
      if (req.method === 'GET' && url.pathname === '/api/hoso/moi') {
        if (!authenticated(req, res, url.pathname, '')) return;
        const after = Number(url.searchParams.get('sau') ?? '0');
        if (!Number.isInteger(after) || after < 0) return refuse(res, 400, '400', 'sau phải là số nguyên không âm');
        return answer(res, 200, {
          error_code: '0',
          data: filed.slice(after, after + 50),
          tiepTheo: Math.min(filed.length, after + 50),
        });
      }
      if (req.method === 'GET' && url.pathname === '/api/tthc') {
        if (!authenticated(req, res, url.pathname, '')) return;
        return answer(res, 200, { error_code: '0', data: procedures });
      }
      if (req.method === 'GET' && url.pathname.startsWith('/api/tep/')) return file(req, res, url.pathname);
      if (req.method === 'GET' && url.pathname === '/packets.json') return answer(res, 200, packets);
      if (req.method === 'GET' && url.pathname === '/') return page(res);
      answer(res, 404, { error_code: '404', message: 'Không tìm thấy' });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const push = async (dossier: Record<string, unknown>, secret: string): Promise<number> => {
    const target = new URL(callbackUrl ?? '');
    const body = JSON.stringify(dossier);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-client-id': options.clientId,
        'x-timestamp': timestamp,
        'x-signature': sign(secret, timestamp, 'POST', target.pathname, body),
      },
      body,
    });
    await response.arrayBuffer();
    return response.status;
  };

  return {
    url,
    packets,
    get deliveries() {
      return state.deliveries;
    },
    get refusals() {
      return state.refusals;
    },
    get fileDownloads() {
      return state.fileDownloads;
    },
    addFile(bytes) {
      const id = randomUUID();
      files.set(id, new Uint8Array(bytes));
      return `${url}/api/tep/${id}`;
    },
    failFilesNext(mode, times = 1) {
      fileFailures.push({ mode, left: times });
    },
    get procedures() {
      return procedures as NationalProcedure[];
    },
    setProcedures(next) {
      procedures = [...next];
    },
    setCallbackUrl(next) {
      callbackUrl = next;
    },
    failNext(mode, times = 1) {
      failures.push({ mode, left: times });
    },
    recover() {
      failures.length = 0;
      fileFailures.length = 0;
    },
    duplicatePushes(on) {
      duplicate = on;
    },
    async file(dossier) {
      filed.push(dossier);
      if (!callbackUrl) return null;
      const status = await push(dossier, options.secret);
      if (duplicate) await push(dossier, options.secret);
      return status;
    },
    pushForged(dossier) {
      return push(dossier, `${options.secret}-forged`);
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
