import { defineMessages } from './types.ts';

export const fileMessages = defineMessages({
  vi: {
    'files.errors.extension': 'Tệp “{name}” không đúng định dạng cho phép ({accepted}).',
    'files.errors.contentMismatch':
      'Nội dung tệp “{name}” không khớp với đuôi .{extension}; vui lòng chọn đúng tệp gốc (có thể tệp bị đổi tên).',
    'files.errors.tooLarge': 'Tệp “{name}” vượt quá dung lượng cho phép ({limit}).',
    'files.errors.unknownUpload': 'Không tìm thấy tệp đã tải lên ({id}) hoặc tệp đã được dùng cho hồ sơ khác.',
    'files.errors.notFound': 'Không tìm thấy tệp.',
    'files.errors.missing': 'Vui lòng chọn tệp để tải lên (trường “file” của biểu mẫu multipart).',
  },
  en: {
    'files.errors.extension': 'File “{name}” is not of an accepted type ({accepted}).',
    'files.errors.contentMismatch':
      'The content of “{name}” does not match its .{extension} extension; please choose the original file (it may have been renamed).',
    'files.errors.tooLarge': 'File “{name}” is larger than allowed ({limit}).',
    'files.errors.unknownUpload': 'The uploaded file ({id}) was not found or is already used by another dossier.',
    'files.errors.notFound': 'File not found.',
    'files.errors.missing': 'Choose a file to upload (the “file” field of a multipart form).',
  },
});
