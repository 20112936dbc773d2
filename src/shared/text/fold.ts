/**
 * Folds Vietnamese text for matching: lower case, no tone or vowel marks, đ -> d, single spaces.
 * "Thủ tục Đăng ký" and "thu tuc dang ky" fold alike.
 */
export function foldVietnamese(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
