// Shared by the dossier route tests and the browser test: demo procedures with valid e-form values, multipart bodies.
import { randomUUID } from 'node:crypto';

const address = (detail: string) => ({ detail, commune: 'Phường Phú Thọ', province: 'Tỉnh Bình Dương' });

/** Counter intake at the one-stop centre: a sole proprietorship, handled by the Department of Planning and Investment. */
export const enterpriseDossier = {
  procedureCode: '2.001610.000.00.00.H08',
  caseCode: 'DNTN',
  components: ['GIAY_DE_NGHI', 'GIAY_TO_CHU_DN'],
  form: {
    fullName: 'Nguyễn Văn An',
    birthDate: '1990-05-12',
    idNumber: '074090001234',
    phone: '0912345678',
    email: 'congdan@example.vn',
    residence: address('Số 12 đường Yersin'),
    proposedName: 'Doanh nghiệp tư nhân An Phát',
    companyAddress: address('Số 5 đường Lê Hồng Phong'),
    capital: '500000000',
    industries: [{ industryCode: '4711', industryName: 'Bán lẻ trong cửa hàng', mainIndustry: true }],
    vatMethod: 'khau_tru',
    deliveryMethod: 'counter',
    declaration: true,
  },
};

/** Online at Phú Thọ ward: a death registration. */
export const deathRegistration = {
  procedureCode: '1.000656.000.00.00.H08',
  caseCode: 'KHAI_TU',
  components: ['TO_KHAI', 'GIAY_BAO_TU'],
  form: {
    fullName: 'Nguyễn Văn An',
    birthDate: '1990-05-12',
    idNumber: '074090001234',
    phone: '0912345678',
    residence: address('Số 12 đường Yersin'),
    relationship: 'con',
    deceasedName: 'Nguyễn Văn Bảy',
    deceasedBirthDate: '1940-01-02',
    deceasedIdNumber: '074040001111',
    deathDate: '2026-11-20',
    deathPlace: 'Bệnh viện Đa khoa tỉnh Bình Dương',
    deathNoticeNumber: '125/GBT',
    deliveryMethod: 'electronic',
    declaration: true,
  },
};

export const applicantAn = {
  name: 'Nguyễn Văn An',
  idNumber: '074090001234',
  phone: '0912345678',
  email: 'congdan@example.vn',
};

export const pdfBytes = (n = 0) => Buffer.from(`%PDF-1.4\n% ${n}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
export const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A multipart/form-data body with text fields and files. */
export function multipartBody(
  fields: Record<string, string>,
  files: { field: string; filename: string; bytes: Buffer; type?: string }[],
): { payload: Buffer; contentType: string } {
  const boundary = `----motcua${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
