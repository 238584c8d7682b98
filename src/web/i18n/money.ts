import { defineMessages } from './types.ts';

export const moneyMessages = defineMessages({
  vi: {
    'money.errors.notInteger': 'Số tiền phải là số nguyên đồng (đã nhập: {value}).',
    'money.errors.negative': 'Số tiền không được âm (đã nhập: {value}).',
    'money.errors.tooLarge': 'Số tiền vượt quá giới hạn một triệu tỷ đồng (đã nhập: {value}).',
  },
  en: {
    'money.errors.notInteger': 'The amount must be a whole number of đồng (got {value}).',
    'money.errors.negative': 'The amount cannot be negative (got {value}).',
    'money.errors.tooLarge': 'The amount exceeds the limit of one quadrillion đồng (got {value}).',
  },
});
