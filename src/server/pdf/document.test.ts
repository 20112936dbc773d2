import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSlip, vietnameseDateWords } from './document.js';

const HAS_PDFTOTEXT = spawnSync('which', ['pdftotext']).status === 0;

function extract(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'slip-'));
  try {
    writeFileSync(join(dir, 'slip.pdf'), bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'slip.pdf'), '-'], {
      encoding: 'utf8',
    }).normalize('NFC');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('official slips as PDF', () => {
  // 23:30 on 1 March in UTC is already 2 March in Vietnam.
  const date = new Date('2026-03-01T23:30:00Z');

  it('writes the date in words in Vietnam’s time', () => {
    expect(vietnameseDateWords(date)).toBe('ngày 02 tháng 03 năm 2026');
  });

  it('is one A4 page in embedded Noto Sans with the national header, the same bytes for the same input', async () => {
    const build = () => {
      const slip = createSlip({
        issuer: { parent: 'ỦY BAN NHÂN DÂN THỊ XÃ MỘC CHÂU', name: 'BỘ PHẬN MỘT CỬA' },
        place: 'Mộc Châu',
        date,
        title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
        subtitle: 'Mã hồ sơ: 000.00.01.H14-260302-0001',
      });
      slip.field('Ông/Bà', 'Nguyễn Thị Hạnh');
      slip.heading('1. Thành phần hồ sơ');
      slip.list(['Tờ khai', 'Giấy chứng sinh']);
      slip.qrCode('https://motcua.example.vn/tra-cuu?code=000.00.01.H14-260302-0001', { caption: 'Tra cứu' });
      slip.signatures([{ title: 'NGƯỜI NỘP HỒ SƠ', name: 'Nguyễn Thị Hạnh' }, { title: 'NGƯỜI TIẾP NHẬN' }]);
      return slip.finish();
    };
    const bytes = await build();
    const raw = bytes.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(raw.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Bold/);
    expect((await build()).equals(bytes)).toBe(true);
  });

  it.skipIf(!HAS_PDFTOTEXT)(
    'keeps every Vietnamese letter, dot-below ones included, when the text is extracted',
    async () => {
      const letters = 'ạ ặ ậ ẹ ệ ị ọ ộ ợ ụ ự ỵ Ạ Ặ Ậ Ẹ Ệ Ị Ọ Ộ Ợ Ụ Ự Ỵ đ Đ';
      const slip = createSlip({ issuer: { name: 'BỘ PHẬN MỘT CỬA' }, place: 'Mộc Châu', date, title: 'THỬ' });
      slip.paragraph(letters);
      slip.paragraph('example, quy định, dịch vụ, thị trấn, Lạng Sơn');
      // Decomposed input (NFD) prints and extracts as the same letters.
      slip.paragraph('Hồ sơ hợp lệ'.normalize('NFD'));
      const text = extract(await slip.finish());
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(text).toContain('Mộc Châu, ngày 02 tháng 03 năm 2026');
      // pdftotext drops the spaces between lone letters; the letters are what matters.
      expect(text.replace(/\s/g, '')).toContain(letters.replace(/\s/g, ''));
      expect(text).toContain('example, quy định, dịch vụ, thị trấn, Lạng Sơn');
      expect(text).toContain('Hồ sơ hợp lệ');
    },
  );
});
