// Shared by the feedback tests: the agencies, the service wiring on a test database, a valid submission.
import { Readable } from 'node:stream';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import * as agencies from '../agencies/agencies.service.ts';
import { CalendarService } from '../calendar/calendar.service.ts';
import { FileService } from '../files/files.service.ts';
import { type FeedbackLimits, FeedbackService } from './feedback.service.ts';
import type { FeedbackDeadlines } from './feedback-rules.ts';

export const PROVINCE = '000.00.00.H08';
export const DEPARTMENT = '000.00.10.H08';
export const OTHER_DEPARTMENT = '000.00.13.H08';

export async function seedAgencies(db: Db): Promise<void> {
  const root = await agencies.createAgency(db.kysely, {
    identifier: PROVINCE,
    name: 'Ủy ban nhân dân tỉnh Bình Dương',
    kind: 'people_committee',
    level: 'province',
  });
  for (const [identifier, name] of [
    [DEPARTMENT, 'Sở Kế hoạch và Đầu tư'],
    [OTHER_DEPARTMENT, 'Sở Xây dựng'],
  ] as const) {
    await agencies.createAgency(db.kysely, {
      identifier,
      name,
      kind: 'department',
      level: 'province',
      parentId: root.id,
    });
  }
}

export function feedbackService(
  db: Db,
  dataDir: string,
  clock: Clock,
  options: { limits?: FeedbackLimits; deadlines?: FeedbackDeadlines } = {},
) {
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
  const files = new FileService(db, { dataDir, maxFileBytes: 10 * 1024 * 1024 }, clock);
  const feedback = new FeedbackService({
    db,
    calendar,
    files,
    clock,
    limits: options.limits ?? { perPhonePerDay: 1000, perAddressPerHour: 1000 },
    ...(options.deadlines && { deadlines: options.deadlines }),
    baseUrl: () => 'https://dichvucong.example.vn',
  });
  return { feedback, files, calendar };
}

let counter = 0;

/** A valid submission; each call has its own phone number and text, so neither the duplicate rule nor the limits bite. */
export function petition(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    fullName: 'Nguyễn Thị Lan',
    address: 'Số 5 đường Yersin, phường Phú Cường, Thủ Dầu Một',
    phone: `0912 ${String(100_000 + counter).slice(-6, -3)} ${String(100_000 + counter).slice(-3)}`,
    email: 'lan@example.vn',
    subject: 'Thời gian giải quyết đăng ký hộ kinh doanh',
    summary: `Hồ sơ đăng ký hộ kinh doanh bị trễ hẹn (lần ${counter}).`,
    content: 'Tôi nộp hồ sơ ngày 02/11 nhưng đến nay chưa nhận được kết quả.',
    category: 'procedure',
    consentPublish: true,
    ...overrides,
  };
}

export const sender = (clientAddress = '203.0.113.7', userId: string | null = null) => ({ userId, clientAddress });

export const pdfStream = () => Readable.from([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')]);
