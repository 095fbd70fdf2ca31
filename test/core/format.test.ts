import { describe, expect, test } from 'vitest';
import { formatDate, formatMoney, formatNumber } from '../../src/core/format.js';

describe('formatting numbers, money and dates per locale', () => {
  test.each([
    [294000, 'USD', 'en', '$294,000'],
    [294000, 'USD', 'id', 'US$294.000'],
    [4.87e9, 'IDR', 'id', 'Rp4,87 miliar'],
    [4.87e9, 'IDR', 'en', 'Rp4.87 billion'],
    [1.6e12, 'IDR', 'id', 'Rp1,6 triliun'],
    [5576000, 'USD', 'en', '$5.576 million'],
    [100e6, 'USD', 'id', 'US$100 juta'],
    [2, 'USD', 'en', '$2'],
  ] as const)('%d %s in %s is %s', (amount, currency, locale, expected) => {
    expect(formatMoney(amount, currency, locale)).toBe(expected);
  });

  test('a range shares one scale word', () => {
    expect(formatMoney(10e9, 'USD', 'en', 100e9)).toBe('$10–100 billion');
    expect(formatMoney(10e9, 'USD', 'id', 100e9)).toBe('US$10–100 miliar');
  });

  test('dates keep the precision the source gave', () => {
    expect(formatDate('2022', 'en')).toBe('2022');
    expect(formatDate('2025-08', 'id')).toBe('Agustus 2025');
    expect(formatDate('2025-09-17', 'en')).toBe('17 September 2025');
    expect(formatDate('2025-12-01', 'id')).toBe('1 Desember 2025');
  });

  test('plain numbers use the locale separators', () => {
    expect(formatNumber(50000, 'en')).toBe('50,000');
    expect(formatNumber(50000, 'id')).toBe('50.000');
  });
});
