// Shared by the dossier tests and their child-process fixtures: a small procedure, the actors, the service wiring.
import { Readable } from 'node:stream';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { CalendarService } from '../calendar/calendar.service.ts';
import { assertProcedureDefinition } from '../catalog/catalog.schema.ts';
import { FileService } from '../files/files.service.ts';
import type { Actor, ProcedureSource, PublishedProcedure } from './dossiers.schema.ts';
import { DossierService } from './dossiers.service.ts';

export const DEPARTMENT = '000.00.10.H08';
export const ONE_STOP_CENTRE = '000.00.01.H08';
export const OTHER_DEPARTMENT = '000.00.13.H08';

const label = (vi: string) => ({ vi, en: vi });

export const testProcedure = assertProcedureDefinition({
  code: '1.001612.000.00.00.H08',
  name: 'Đăng ký thành lập hộ kinh doanh',
  field: { code: 'G17', name: 'Thành lập và hoạt động của hộ kinh doanh' },
  agency: { id: DEPARTMENT, level: 'province' },
  applicantTypes: ['citizen'],
  legalBasis: ['Nghị định số 01/2021/NĐ-CP'],
  conditions: '',
  steps: ['Nộp hồ sơ', 'Giải quyết', 'Trả kết quả'],
  result: { name: 'Giấy chứng nhận đăng ký hộ kinh doanh', electronic: true },
  onlineMode: 'full',
  channels: ['in_person', 'online', 'postal'],
  paymentAtSubmission: false,
  cases: [
    {
      code: 'HKD',
      name: 'Đăng ký thành lập hộ kinh doanh',
      processingTime: { value: 3, unit: 'workingDays' },
      components: [
        {
          code: 'DON',
          name: 'Giấy đề nghị đăng ký hộ kinh doanh',
          mandatory: true,
          originals: 1,
          copies: 0,
          fileTypes: ['pdf'],
        },
        {
          code: 'ANH',
          name: 'Ảnh chụp giấy tờ pháp lý',
          mandatory: false,
          originals: 0,
          copies: 1,
          fileTypes: ['png', 'jpeg'],
        },
      ],
      form: {
        sections: [
          {
            key: 'applicant',
            title: label('Người nộp hồ sơ'),
            fields: [
              {
                key: 'fullName',
                label: label('Họ và tên'),
                type: 'text',
                required: true,
                validation: { maxLength: 100 },
              },
              { key: 'idNumber', label: label('Số định danh cá nhân'), type: 'cccd', required: true },
            ],
          },
        ],
      },
      fees: [],
      workflow: [
        { code: 'TIEP_NHAN', name: 'Tiếp nhận', assignee: { role: 'intake' }, share: { kind: 'fraction', value: 0.1 } },
        {
          code: 'THAM_DINH',
          name: 'Thẩm định',
          assignee: { role: 'processor' },
          share: { kind: 'fraction', value: 0.6 },
        },
        { code: 'PHE_DUYET', name: 'Phê duyệt', assignee: { role: 'leader' }, share: { kind: 'fraction', value: 0.2 } },
        {
          code: 'TRA_KET_QUA',
          name: 'Trả kết quả',
          assignee: { role: 'intake' },
          share: { kind: 'fraction', value: 0.1 },
        },
      ],
    },
  ],
});

export const TEST_VERSION_ID = 'version-hkd-1';

function staticProcedures(published: readonly PublishedProcedure[]): ProcedureSource {
  const byId = new Map(published.map((p) => [p.versionId, p]));
  return { publishedVersion: async (versionId) => byId.get(versionId) };
}

export const citizen: Actor = { userId: 'citizen-an', kind: 'citizen', roles: [] };
export const otherCitizen: Actor = { userId: 'citizen-binh', kind: 'citizen', roles: [] };
export const intake: Actor = {
  userId: 'officer-intake',
  kind: 'officer',
  roles: [
    { agencyId: DEPARTMENT, role: 'intake' },
    { agencyId: ONE_STOP_CENTRE, role: 'intake' },
  ],
};
export const otherIntake: Actor = {
  userId: 'officer-other-intake',
  kind: 'officer',
  roles: [{ agencyId: OTHER_DEPARTMENT, role: 'intake' }],
};
export const processor: Actor = {
  userId: 'officer-processor',
  kind: 'officer',
  roles: [{ agencyId: DEPARTMENT, role: 'processor' }],
};
export const leader: Actor = {
  userId: 'officer-leader',
  kind: 'officer',
  roles: [{ agencyId: DEPARTMENT, role: 'leader' }],
};
export const cashier: Actor = {
  userId: 'officer-cashier',
  kind: 'officer',
  roles: [{ agencyId: DEPARTMENT, role: 'cashier' }],
};
export const paymentGateway: Actor = { userId: 'payment-gateway', kind: 'system', roles: [] };

export const pdfBytes = (n = 0) => Buffer.from(`%PDF-1.4\n% ${n}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
export const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export const validForm = { fullName: 'Nguyễn Văn An', idNumber: '074090001234' };
export const applicantOf = (name = 'Nguyễn Văn An') => ({ name, idNumber: '074090001234', phone: '0912345678' });

export interface DossierHarness {
  service: DossierService;
  files: FileService;
  calendar: CalendarService;
  upload(bytes: Buffer, filename: string, uploadedBy: string): Promise<string>;
}

export function dossierHarness(
  db: Db,
  dataDir: string,
  clock: Clock,
  limits: { maxDossierBytes?: number; queueCountCap?: number } = {},
): DossierHarness {
  const calendar = new CalendarService(
    db,
    {
      cutoff: '15:00',
      officeHours: [
        { start: '07:30', end: '11:30' },
        { start: '13:00', end: '17:00' },
      ],
      countReceptionDay: false,
    },
    clock,
  );
  const files = new FileService(db, { dataDir, maxFileBytes: 1_000_000, unattachedTtlMs: 3_600_000 }, clock);
  const procedures = staticProcedures([{ versionId: TEST_VERSION_ID, version: 1, definition: testProcedure }]);
  const service = new DossierService({ db, calendar, files, procedures, clock, ...limits });
  return {
    service,
    files,
    calendar,
    async upload(bytes, filename, uploadedBy) {
      return (await files.upload({ stream: Readable.from([bytes]), filename, uploadedBy })).id;
    },
  };
}
