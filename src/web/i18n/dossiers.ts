import { defineMessages } from './types.ts';

export const dossierMessages = defineMessages({
  vi: {
    'dossiers.errors.codeEmpty': 'Vui lòng nhập mã hồ sơ.',
    'dossiers.errors.codeSeparators':
      'Mã hồ sơ “{value}” không đúng dạng: gồm mã cơ quan, ngày tiếp nhận và số thứ tự, nối bằng dấu gạch ngang (-), ví dụ H15.50.05.13-261008-0975.',
    'dossiers.errors.codeAgency':
      'Mã định danh cơ quan “{value}” không đúng dạng, ví dụ 000.00.04.H56 hoặc H15.50.05.13.',
    'dossiers.errors.codeDate':
      'Ngày tiếp nhận “{value}” trong mã hồ sơ không hợp lệ; phần ngày có dạng năm-tháng-ngày 6 chữ số (yyMMdd).',
    'dossiers.errors.codeSequence': 'Số thứ tự “{value}” trong mã hồ sơ phải gồm 4 đến 7 chữ số và lớn hơn 0.',
  },
  en: {
    'dossiers.errors.codeEmpty': 'Enter the dossier code.',
    'dossiers.errors.codeSeparators':
      'The dossier code “{value}” is malformed: it is the agency identifier, the reception date and the sequence number joined by hyphens (-), for example H15.50.05.13-261008-0975.',
    'dossiers.errors.codeAgency':
      'The agency identifier “{value}” is malformed; for example 000.00.04.H56 or H15.50.05.13.',
    'dossiers.errors.codeDate':
      'The reception date “{value}” in the dossier code is not valid; it is 6 digits, yyMMdd.',
    'dossiers.errors.codeSequence':
      'The sequence number “{value}” in the dossier code must have 4 to 7 digits and not be 0.',
  },
});
