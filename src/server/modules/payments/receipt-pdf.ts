// Biên nhận thanh toán phí, lệ phí trực tuyến: the electronic receipt of a payment the gateway
// confirmed, as PDF, with a QR code to the public tracking page. Always in Vietnamese, like the slips.
import { formatDateTime } from '../../../shared/i18n/index.js';
import { createSlip } from '../../pdf/document.js';
import { trackingUrl } from '../apply/receipt-pdf.js';
import type { PaymentRow } from './payments.repository.js';

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['', 'nghìn', 'triệu', 'tỷ', 'nghìn tỷ'];

/** One group of three digits in words; `full` reads "không trăm" and "linh" inside a larger number. */
function groupWords(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  const parts: string[] = [];
  if (full || h > 0) parts.push(`${DIGITS[h]} trăm`);
  if (t === 0) {
    if (u > 0 && (full || h > 0)) parts.push('linh');
  } else parts.push(t === 1 ? 'mười' : `${DIGITS[t]} mươi`);
  if (u > 0) parts.push(u === 1 && t >= 2 ? 'mốt' : u === 5 && t >= 1 ? 'lăm' : DIGITS[u]!);
  return parts.join(' ');
}

/** An amount of đồng in Vietnamese words, as a receipt writes it: "Năm mươi nghìn đồng". */
export function vndInWords(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0 || amount >= 1e15) return `${amount} đồng`;
  if (amount === 0) return 'Không đồng';
  const groups: number[] = [];
  for (let n = amount; n > 0; n = Math.floor(n / 1000)) groups.push(n % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const group = groups[i]!;
    if (group === 0) continue;
    words.push(`${groupWords(group, i < groups.length - 1)}${SCALES[i] ? ` ${SCALES[i]}` : ''}`);
  }
  const text = `${words.join(' ')} đồng`;
  return text.charAt(0).toLocaleUpperCase('vi-VN') + text.slice(1);
}

const amountDigits = (amount: number) => `${new Intl.NumberFormat('vi-VN').format(amount)} đồng`;

export interface ReceiptFacts {
  code: string;
  applicant_name: string;
  applicant_phone: string;
  applicant_address: string | null;
  procedure_name: string;
  agency_name: string;
  unit_name: string | null;
  unit_full_name: string | null;
}

/** The receipt of a succeeded payment. */
export async function buildPaymentReceiptPdf(input: {
  payment: PaymentRow;
  facts: ReceiptFacts;
  publicUrl: string;
}): Promise<Buffer> {
  const { payment, facts } = input;
  const paidAt = payment.paid_at ?? payment.completed_at ?? payment.updated_at;
  const slip = createSlip({
    issuer: {
      parent: facts.unit_full_name
        ? `ỦY BAN NHÂN DÂN ${facts.unit_full_name.toLocaleUpperCase('vi-VN')}`
        : undefined,
      name: facts.agency_name.toLocaleUpperCase('vi-VN'),
    },
    place: facts.unit_name ?? '',
    date: paidAt,
    title: 'BIÊN NHẬN THANH TOÁN PHÍ, LỆ PHÍ TRỰC TUYẾN',
    subtitle: `Số: ${payment.receipt_number ?? payment.txn_ref}`,
    metadata: {
      title: `Biên nhận thanh toán trực tuyến – ${payment.receipt_number ?? payment.txn_ref}`,
      subject: facts.procedure_name,
      author: facts.agency_name,
    },
  });
  slip.field('Người nộp', facts.applicant_name);
  if (facts.applicant_address) slip.field('Địa chỉ', facts.applicant_address);
  slip.field('Mã hồ sơ', facts.code);
  slip.field('Thủ tục', facts.procedure_name);
  slip.field(
    'Nội dung',
    payment.purpose === 'submission'
      ? 'Phí, lệ phí nộp khi nộp hồ sơ trực tuyến'
      : 'Phí, lệ phí theo thông báo của cơ quan giải quyết',
  );
  slip.field('Số tiền', amountDigits(payment.amount_vnd));
  slip.field('Bằng chữ', vndInWords(payment.amount_vnd));
  slip.field('Hình thức', 'Thanh toán trực tuyến qua cổng thanh toán (VNPAY)');
  slip.field('Mã giao dịch', payment.txn_ref);
  if (payment.gateway_transaction_no)
    slip.field('Mã giao dịch tại cổng thanh toán', payment.gateway_transaction_no);
  if (payment.bank_code) slip.field('Ngân hàng', payment.bank_code);
  slip.field('Thời gian thanh toán', formatDateTime(paidAt));
  slip.space();
  slip.paragraph(
    payment.applied_at
      ? 'Biên nhận được lập tự động khi cổng thanh toán xác nhận giao dịch; khoản tiền đã được ghi vào hồ sơ.'
      : 'Cổng thanh toán đã xác nhận giao dịch, nhưng khoản tiền chưa được ghi vào hồ sơ; Bộ phận Một cửa sẽ liên hệ để hoàn trả hoặc xử lý.',
    { italic: true },
  );
  slip.signatures([{ title: 'ĐƠN VỊ THU', hint: '(Biên nhận điện tử, không cần chữ ký)' }], {
    qrCode: {
      text: trackingUrl(input.publicUrl, facts.code),
      caption: 'Quét mã để tra cứu hồ sơ (nhập 4 số cuối số điện thoại hoặc số định danh).',
    },
  });
  return slip.finish();
}
