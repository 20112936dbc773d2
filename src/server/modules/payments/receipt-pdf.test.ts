import { describe, expect, it } from 'vitest';
import { vndInWords } from './receipt-pdf.js';

describe('amounts in Vietnamese words on the receipt', () => {
  it('reads amounts as a receipt writes them', () => {
    expect(vndInWords(0)).toBe('Không đồng');
    expect(vndInWords(25)).toBe('Hai mươi lăm đồng');
    expect(vndInWords(5000)).toBe('Năm nghìn đồng');
    expect(vndInWords(15_000)).toBe('Mười lăm nghìn đồng');
    expect(vndInWords(21_000)).toBe('Hai mươi mốt nghìn đồng');
    expect(vndInWords(50_000)).toBe('Năm mươi nghìn đồng');
    expect(vndInWords(105_000)).toBe('Một trăm linh năm nghìn đồng');
    expect(vndInWords(1_500_000)).toBe('Một triệu năm trăm nghìn đồng');
    expect(vndInWords(1_005_000)).toBe('Một triệu không trăm linh năm nghìn đồng');
    expect(vndInWords(2_000_001)).toBe('Hai triệu không trăm linh một đồng');
    expect(vndInWords(1_000_000_000)).toBe('Một tỷ đồng');
    expect(vndInWords(999_999_999)).toBe(
      'Chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng',
    );
  });
});
