import { defineMessages } from './types.ts';

/** Fees, online payment, counter payments, refunds and e-receipts. */
export const paymentMessages = defineMessages({
  vi: {
    'payments.fees.requested': 'Phí, lệ phí theo thông báo của cơ quan giải quyết',
    'payments.fees.badQuantity': 'Số lượng phải là số nguyên từ 1 đến 10.000.',
    'payments.fees.unknownExemption': 'Trường hợp miễn, giảm này không có trong thủ tục.',
    'payments.fees.reasonRequired': 'Nhập lý do miễn, giảm.',
    'payments.errors.caseNotFound': 'Không có trường hợp thủ tục {caseCode}.',
    'payments.errors.gatewayUnavailable':
      'Chưa kết nối cổng thanh toán trực tuyến. Vui lòng nộp tại quầy hoặc chuyển khoản.',
    'payments.errors.notDue': 'Hồ sơ này hiện không có khoản phí, lệ phí nào phải nộp.',
    'payments.errors.alreadyBooked': 'Khoản thanh toán này đã được ghi nhận.',
    'payments.errors.paymentNotFound': 'Không tìm thấy khoản thanh toán.',
    'payments.counter.amountMismatch': 'Số tiền phải đúng bằng số còn phải nộp: {due} đồng.',
    'payments.counter.referenceRequired': 'Nhập mã giao dịch (số hóa đơn POS hoặc mã chuyển khoản).',
    'payments.counter.referenceTooLong': 'Mã giao dịch dài tối đa 100 ký tự.',
    'payments.refund.badAmount': 'Số tiền hoàn phải từ 1 đến {max} đồng.',
    'payments.refund.reasonRequired': 'Nhập lý do hoàn tiền.',
    'payments.refund.reasonTooLong': 'Lý do dài tối đa 2.000 ký tự.',
  },
  en: {
    'payments.fees.requested': 'Fees as notified by the processing agency',
    'payments.fees.badQuantity': 'The quantity must be a whole number from 1 to 10,000.',
    'payments.fees.unknownExemption': 'This procedure has no such exemption.',
    'payments.fees.reasonRequired': 'Enter the reason for the exemption.',
    'payments.errors.caseNotFound': 'There is no procedure case {caseCode}.',
    'payments.errors.gatewayUnavailable':
      'Online payment is not connected. Please pay at the counter or by bank transfer.',
    'payments.errors.notDue': 'Nothing is owed on this dossier at the moment.',
    'payments.errors.alreadyBooked': 'This payment has already been recorded.',
    'payments.errors.paymentNotFound': 'Payment not found.',
    'payments.counter.amountMismatch': 'The amount must be exactly what is owed: {due} đồng.',
    'payments.counter.referenceRequired': 'Enter the transaction reference (POS slip or transfer reference).',
    'payments.counter.referenceTooLong': 'The reference is at most 100 characters.',
    'payments.refund.badAmount': 'The refund must be from 1 to {max} đồng.',
    'payments.refund.reasonRequired': 'Enter the reason for the refund.',
    'payments.refund.reasonTooLong': 'The reason is at most 2,000 characters.',
  },
});
