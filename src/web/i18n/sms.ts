import { defineMessages } from './types.ts';

export const smsMessages = defineMessages({
  vi: {
    'sms.dossier.accept': 'Hồ sơ {code} đã được tiếp nhận. Hẹn trả kết quả lúc {due}.',
    'sms.dossier.request_supplement': 'Hồ sơ {code} cần bổ sung {count} giấy tờ. Xem chi tiết trên Cổng Dịch vụ công.',
    'sms.dossier.refuse': 'Hồ sơ {code} không được tiếp nhận. Lý do: {reason}',
    'sms.dossier.extend_with_apology': 'Hồ sơ {code} được hẹn lại ngày trả kết quả: {due}. Xin lỗi ông/bà.',
    'sms.dossier.resolve': 'Hồ sơ {code} đã có kết quả. Mời ông/bà nhận kết quả theo hình thức đã đăng ký.',
    'notifications.title': 'Nhận thông báo về hồ sơ',
    'notifications.hint':
      'Chọn kênh nhận tin khi hồ sơ được tiếp nhận, cần bổ sung, bị từ chối, hẹn lại hoặc có kết quả.',
    'notifications.email': 'Thư điện tử',
    'notifications.sms': 'Tin nhắn SMS đến số điện thoại di động',
    'notifications.save': 'Lưu lựa chọn',
    'notifications.saved': 'Đã lưu lựa chọn nhận thông báo.',
    'cli.sms': 'Cổng SMS mô phỏng: {url}',
  },
  en: {
    'sms.dossier.accept': 'Dossier {code} has been accepted. Result due at {due}.',
    'sms.dossier.request_supplement': 'Dossier {code} needs {count} more document(s). See the public service portal.',
    'sms.dossier.refuse': 'Dossier {code} was not accepted. Reason: {reason}',
    'sms.dossier.extend_with_apology': 'Dossier {code}: the result is now due {due}. We apologise.',
    'sms.dossier.resolve': 'Dossier {code} has its result. Collect it the way you chose.',
    'notifications.title': 'News of your dossiers',
    'notifications.hint':
      'Choose how to hear when a dossier is accepted, needs more documents, is refused, delayed or has its result.',
    'notifications.email': 'E-mail',
    'notifications.sms': 'SMS to your mobile number',
    'notifications.save': 'Save the choice',
    'notifications.saved': 'Your notification choice is saved.',
    'cli.sms': 'Simulated SMS gateway: {url}',
  },
});
