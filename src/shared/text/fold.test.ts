import { describe, expect, it } from 'vitest';
import { foldVietnamese } from './fold.js';

describe('folding Vietnamese text', () => {
  it('drops tone and vowel marks, turns đ into d, and lowers the case', () => {
    expect(foldVietnamese('Thủ tục ĐĂNG KÝ khai sinh')).toBe('thu tuc dang ky khai sinh');
    expect(foldVietnamese('Nguyễn Văn A\u0301\u0301')).toBe('nguyen van a');
  });

  it('turns punctuation and runs of spaces into single spaces', () => {
    expect(foldVietnamese("  ' OR 1=1 --  <script>")).toBe('or 1 1 script');
  });
});
