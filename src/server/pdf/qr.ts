// QR codes drawn as vector squares: sharp at any zoom and on any printer, and smaller than an image.
import QRCode from 'qrcode';

/** Draws a QR code of `text` with its top-left corner at (x, y), `size` points wide, quiet zone included. */
export function drawQrCode(
  doc: PDFKit.PDFDocument,
  text: string,
  { x, y, size }: { x: number; y: number; size: number },
): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4; // modules of white border the standard asks for
  const cell = size / (modules.size + quiet * 2);
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) {
        // A hair of overlap keeps viewers from drawing seams between neighbouring squares.
        doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell + 0.05, cell + 0.05);
      }
    }
  }
  doc.fill();
  doc.restore();
}
