import { describe, expect, it } from 'vitest';
import { negotiateLocale, translate } from './index.ts';

describe('i18n', () => {
  it('fills placeholders and falls back to Vietnamese then to the key', () => {
    expect(translate('vi', 'site.title', { province: 'Bình Dương' })).toBe('Cổng Dịch vụ công tỉnh Bình Dương');
    expect(translate('en', 'site.title', { province: 'Binh Duong' })).toBe('Binh Duong Province Public Service Portal');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });

  it('negotiates the locale: explicit choice first, then Accept-Language by weight, Vietnamese by default', () => {
    expect(negotiateLocale('en', 'vi')).toBe('en');
    expect(negotiateLocale(undefined, 'fr-FR,en;q=0.8,vi;q=0.5')).toBe('en');
    expect(negotiateLocale(undefined, 'en;q=0.3,vi-VN;q=0.9')).toBe('vi');
    expect(negotiateLocale(undefined, 'de')).toBe('vi');
    expect(negotiateLocale('xx', undefined)).toBe('vi');
  });
});
