import { describe, expect, it } from 'vitest';
import { formatDong, formatNumber } from './money.ts';

describe('money and numbers', () => {
  it('writes đồng with dots between thousands', () => {
    expect(formatDong(135_000)).toBe('135.000 đ');
    expect(formatDong(0)).toBe('0 đ');
    expect(formatDong(1_500_000)).toBe('1.500.000 đ');
    expect(formatDong(500)).toBe('500 đ');
    expect(formatDong(1_500_000, 'en')).toBe('1,500,000 VND');
  });

  it('writes decimals with a comma in Vietnamese', () => {
    expect(formatNumber(0.5)).toBe('0,5');
    expect(formatNumber(2.5, 'en')).toBe('2.5');
    expect(formatNumber(1000)).toBe('1.000');
  });
});
