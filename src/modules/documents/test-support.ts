/** Sample inputs and PDF readers (poppler-utils) shared by the documents tests. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type {
  ApologyInput,
  ControlSheetInput,
  ReceiptInput,
  RefusalInput,
  RegisterEntry,
  RegisterInput,
  SlipBase,
  StopNoticeInput,
  SupplementRequestInput,
} from './documents.schema.ts';

const run = promisify(execFile);

/** Runs a poppler tool on the PDF; a missing tool fails the test with the package to install. */
async function poppler(tool: string, args: string[], pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'motcua-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is missing: install poppler-utils (apt-get install poppler-utils) to run these tests`);
    }
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text of each page, read back with `pdftotext -layout`. */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const text = await poppler('pdftotext', ['-layout', '-enc', 'UTF-8'], pdf);
  return text.split('\f').slice(0, -1);
}

/** The text with runs of whitespace collapsed, so that sentences wrapped over lines can be matched. */
export async function pdfFlatText(pdf: Buffer): Promise<string> {
  return (await pdfPages(pdf)).join(' ').replace(/\s+/g, ' ');
}

/** `pdfimages -list` rows of the images proper (not their transparency masks): page, width and height. */
export async function pdfImages(pdf: Buffer): Promise<{ page: number; width: number; height: number }[]> {
  const lines = (await poppler('pdfimages', ['-list'], pdf)).trim().split('\n').slice(2);
  return lines
    .map((line) => line.trim().split(/\s+/))
    .filter(([, , type]) => type === 'image')
    .map(([page, , , width, height]) => ({ page: Number(page), width: Number(width), height: Number(height) }));
}

export const APPLICANT_NAME = 'Nguyễn Thị Hồng Nhung';
export const DOSSIER_CODE = 'H15.50.05.13-261120-0975';

function slipBase(): SlipBase {
  return {
    issuer: {
      parentAgency: 'Ủy ban nhân dân tỉnh Bình Dương',
      agency: 'Trung tâm Phục vụ hành chính công',
      place: 'Thủ Dầu Một',
    },
    number: '1275/GTN-TTPVHCC',
    issuedAt: '2026-11-20T07:35:00Z',
    dossierCode: DOSSIER_CODE,
    applicant: {
      name: APPLICANT_NAME,
      address: 'Số 12 đường Yersin, phường Phú Cường, tỉnh Bình Dương',
      phone: '0912 345 678',
      email: 'nhung.nguyen@example.vn',
    },
    procedureName: 'Cấp giấy chứng nhận đăng ký hộ kinh doanh',
  };
}

export function sampleReceipt(): ReceiptInput {
  return {
    ...slipBase(),
    components: [
      { name: 'Giấy đề nghị đăng ký hộ kinh doanh', originals: 1, copies: 0 },
      {
        name: 'Bản sao giấy tờ pháp lý của cá nhân đối với các thành viên hộ gia đình đăng ký hộ kinh doanh',
        originals: 0,
        copies: 1,
        note: 'Căn cước công dân',
      },
      { name: 'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh', originals: 1, copies: 0 },
    ],
    receivedAt: '2026-11-20T07:30:00Z',
    appointmentAt: '2026-11-27T07:30:00Z',
    resultDelivery: { method: 'post', address: 'Số 12 đường Yersin, phường Phú Cường, tỉnh Bình Dương' },
    fees: [
      { name: 'Lệ phí đăng ký hộ kinh doanh', amount: 100_000 },
      { name: 'Phí chuyển phát kết quả', amount: 35_000 },
    ],
    officerName: 'Trần Văn Bình',
    baseUrl: 'https://dichvucong.binhduong.gov.vn',
  };
}

export function sampleSupplementRequest(): SupplementRequestInput {
  return {
    ...slipBase(),
    number: '88/YCBS-TTPVHCC',
    items: [
      {
        name: 'Biên bản họp thành viên hộ gia đình',
        reason: 'Thiếu chữ ký của thành viên Nguyễn Văn Hùng.',
      },
      { name: 'Hợp đồng thuê địa điểm kinh doanh', reason: 'Bản sao chưa được chứng thực.' },
    ],
    officer: { name: 'Trần Văn Bình', phone: '0274 3822 111', email: 'binh.tv@binhduong.gov.vn' },
  };
}

export function sampleRefusal(): RefusalInput {
  return {
    ...slipBase(),
    number: '12/TC-TTPVHCC',
    reason: 'Ngành nghề đăng ký thuộc danh mục ngành, nghề đầu tư kinh doanh có điều kiện chưa đáp ứng điều kiện.',
    officerName: 'Trần Văn Bình',
  };
}

export function sampleApology(): ApologyInput {
  return {
    ...slipBase(),
    number: '05/XL-STNMT',
    receivedAt: '2026-11-20T07:30:00Z',
    previousAppointmentAt: '2026-11-27T07:30:00Z',
    newAppointmentAt: '2026-12-04T09:00:00Z',
    reason: 'Hồ sơ cần xác minh thêm thông tin với Ủy ban nhân dân phường Phú Cường.',
    signer: { title: 'Giám đốc', name: 'Lê Quốc Khánh' },
  };
}

export function sampleStopNotice(): StopNoticeInput {
  return {
    ...slipBase(),
    number: '03/TB-TTPVHCC',
    stoppedAt: '2026-11-25T02:00:00Z',
    reason: 'Người nộp hồ sơ có văn bản đề nghị dừng giải quyết hồ sơ ngày 24 tháng 11 năm 2026.',
    signer: { title: 'Phó Giám đốc', name: 'Phạm Thu Hà' },
  };
}

export function sampleControlSheet(): ControlSheetInput {
  const base = slipBase();
  const oneStop = { unit: 'Bộ phận Một cửa', officer: 'Trần Văn Bình' };
  const registry = { unit: 'Phòng Đăng ký kinh doanh', officer: 'Võ Thị Lan' };
  const leader = { unit: 'Lãnh đạo Sở Kế hoạch và Đầu tư', officer: 'Đặng Minh Tuấn' };
  return {
    issuer: base.issuer,
    issuedAt: '2026-11-26T09:00:00Z',
    dossierCode: DOSSIER_CODE,
    applicant: base.applicant,
    procedureName: base.procedureName,
    leadAgency: 'Sở Kế hoạch và Đầu tư',
    coordinatingAgencies: ['Cục Thuế tỉnh Bình Dương'],
    handovers: [
      {
        from: oneStop,
        to: registry,
        handedOverAt: '2026-11-20T08:00:00Z',
        dueAt: '2026-11-24T10:00:00Z',
        doneAt: '2026-11-23T03:00:00Z',
      },
      {
        from: registry,
        to: leader,
        handedOverAt: '2026-11-23T03:00:00Z',
        dueAt: '2026-11-25T10:00:00Z',
        doneAt: '2026-11-25T09:00:00Z',
        note: 'Trình ký',
      },
      {
        from: leader,
        to: registry,
        handedOverAt: '2026-11-25T09:00:00Z',
        dueAt: '2026-11-25T10:00:00Z',
        doneAt: '2026-11-26T02:00:00Z',
      },
      { from: registry, to: oneStop, handedOverAt: '2026-11-26T02:00:00Z', dueAt: '2026-11-26T08:00:00Z' },
    ],
  };
}

export function registerEntry(index: number): RegisterEntry {
  const day = String(1 + (index % 28)).padStart(2, '0');
  return {
    dossierCode: `H15.50.05.13-2611${day}-${String(index + 1).padStart(4, '0')}`,
    procedureName: index % 2 === 0 ? 'Cấp giấy chứng nhận đăng ký hộ kinh doanh' : 'Đăng ký khai sinh',
    applicant: { name: index === 0 ? APPLICANT_NAME : `Người nộp số ${index + 1}`, phone: '0912 345 678' },
    handlingAgency: 'Sở Kế hoạch và Đầu tư',
    receivedAt: `2026-11-${day}T01:15:00Z`,
    appointmentAt: `2026-12-${day}T10:00:00Z`,
    status: index === 0 ? 10 : 4,
    ...(index === 0 && { returnedAt: '2026-11-27T07:30:00Z', note: 'Trả qua bưu điện' }),
  };
}

export function sampleRegister(count: number): RegisterInput {
  return {
    issuer: slipBase().issuer,
    from: '2026-11-01',
    to: '2026-11-30',
    generatedAt: '2026-12-01T02:00:00Z',
    entries: Array.from({ length: count }, (_, index) => registerEntry(index)),
  };
}
