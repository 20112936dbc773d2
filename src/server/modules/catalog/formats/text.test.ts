import { describe, expect, it } from 'vitest';
import { htmlToText, inlineOrNull, multilineOrNull, normalizeInline, normalizeMultiline } from './text.js';

describe('cleaning portal text', () => {
  it('leaves plain text alone', () => {
    expect(htmlToText('Tờ khai đăng ký khai sinh (a < b)')).toBe('Tờ khai đăng ký khai sinh (a < b)');
  });

  it('turns an HTML checklist into lines of text', () => {
    const html =
      '<p>Giấy tờ phải nộp:</p><ul><li>Tờ khai&nbsp;theo mẫu</li><li>Giấy chứng sinh</li></ul><br/>Bản sao &amp; bản chính';
    expect(normalizeMultiline(html)).toBe(
      'Giấy tờ phải nộp:\n- Tờ khai theo mẫu\n- Giấy chứng sinh\nBản sao & bản chính',
    );
  });

  it('decodes numeric entities and drops scripts and comments', () => {
    expect(normalizeInline('Gi&#7845;y t&#x1edd;<!-- x --><script>alert(1)</script>')).toBe('Giấy tờ');
  });

  it('makes one line of a name with tabs, line breaks and non-breaking spaces', () => {
    expect(normalizeInline('  Đăng ký\tkhai\u00a0sinh\n lưu động ')).toBe('Đăng ký khai sinh lưu động');
  });

  it('composes decomposed Vietnamese letters so equal words compare equal', () => {
    const decomposed = 'Ho\u0302\u0323 ti\u0323ch';
    expect(normalizeInline(decomposed)).toBe('Hộ tịch');
  });

  it('keeps at most one blank line between paragraphs and trims each line', () => {
    expect(normalizeMultiline('Bước 1:  nộp hồ sơ  \r\n\r\n\r\n  Bước 2: nhận kết quả\n\n')).toBe(
      'Bước 1: nộp hồ sơ\n\nBước 2: nhận kết quả',
    );
  });

  it('gives null for missing or empty values', () => {
    expect(inlineOrNull(undefined)).toBeNull();
    expect(inlineOrNull(' \u200b ')).toBeNull();
    expect(multilineOrNull('\n\n')).toBeNull();
    expect(multilineOrNull(42)).toBeNull();
  });
});
