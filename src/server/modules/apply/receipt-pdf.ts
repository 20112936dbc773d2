// Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Circular 01/2018/TT-VPCP, form 01) as PDF, with a QR code
// that opens the public tracking page. Always in Vietnamese: it is the national form.
import type { TProcedureRecord } from '../../../shared/catalog/schema.js';
import { formatDateTime } from '../../../shared/i18n/index.js';
import { createSlip } from '../../pdf/document.js';
import type { ApplicationView } from './apply.presenter.js';
import { TRACK_PATH } from './views/paths.js';

const TIME_UNITS: Record<string, string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  calendar_days: 'ngày',
};

function timeLimitWords(view: ApplicationView): string {
  const limit = view.timeLimit;
  if (!limit) return 'theo quy định của thủ tục';
  if (limit.unit === 'same_day' || limit.amount === null) return 'trong ngày';
  return `${String(limit.amount).replace('.', ',')} ${TIME_UNITS[limit.unit] ?? limit.unit}`;
}

function copiesWords(originals: number, copies: number): string {
  const parts = [
    originals > 0 ? `${originals} bản chính` : null,
    copies > 0 ? `${copies} bản sao` : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

export function trackingUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${TRACK_PATH}?code=${encodeURIComponent(code)}`;
}

/** The receipt of one application; `issuerParent` is the People's Committee above the receiving counter. */
export async function buildReceiptPdf(input: {
  view: ApplicationView;
  record: TProcedureRecord | null;
  publicUrl: string;
  issuerParent: string;
}): Promise<Buffer> {
  const { view, record } = input;
  const counter = view.counter;
  const issuedAt = view.receivedAt ?? view.submittedAt;
  const slip = createSlip({
    issuer: {
      parent: input.issuerParent.toLocaleUpperCase('vi-VN'),
      name:
        counter && counter.agencyKind !== 'peoples_committee'
          ? counter.agencyName.toLocaleUpperCase('vi-VN')
          : 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
    },
    place: counter?.unitName ?? '',
    date: issuedAt,
    title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
    subtitle: `Mã hồ sơ: ${view.code}`,
    metadata: {
      title: `Giấy tiếp nhận hồ sơ và hẹn trả kết quả – ${view.code}`,
      subject: view.procedureName,
      author: view.receivingAgency,
    },
  });
  slip.paragraph(`${view.receivingAgency} tiếp nhận hồ sơ của:`);
  slip.field('Ông/Bà', view.applicant.fullName);
  slip.field('Số điện thoại', view.applicant.phone);
  if (view.applicant.email) slip.field('Thư điện tử', view.applicant.email);
  if (view.applicant.address) slip.field('Địa chỉ', view.applicant.address);
  slip.field('Nội dung yêu cầu giải quyết', view.procedureName);
  slip.field(
    'Hình thức nộp',
    view.channel === 'online' ? 'Trực tuyến' : view.channel === 'postal' ? 'Qua bưu chính' : 'Trực tiếp',
  );

  slip.heading('1. Thành phần hồ sơ nộp gồm:');
  const components = record?.components ?? [];
  const submitted = view.documents.filter((d) => d.purpose === 'submission');
  if (submitted.length === 0) slip.paragraph('Không có giấy tờ kèm theo.', { italic: true });
  else
    slip.list(
      submitted.map((d) => {
        const component = components.find((c) => c.id === d.componentId);
        const name = d.componentName ?? d.name;
        return `${name}${component ? copiesWords(component.originals, component.copies) : ''} – tệp ${d.name}`;
      }),
    );
  slip.heading('2. Số lượng hồ sơ: 01 bộ.');
  slip.heading(`3. Thời gian giải quyết hồ sơ theo quy định: ${timeLimitWords(view)}.`);
  slip.heading('4. Thời gian nhận hồ sơ:');
  slip.paragraph(
    view.receivedAt
      ? formatDateTime(view.receivedAt)
      : `Nộp trực tuyến lúc ${formatDateTime(view.submittedAt)}; thời điểm tiếp nhận được tính khi Bộ phận Một cửa tiếp nhận hồ sơ.`,
  );
  slip.heading('5. Thời gian trả kết quả giải quyết hồ sơ:');
  slip.paragraph(
    view.dueAt
      ? formatDateTime(view.dueAt)
      : 'Sẽ được hẹn khi Bộ phận Một cửa tiếp nhận hồ sơ và thông báo cho người nộp.',
  );
  slip.heading('6. Nhận kết quả tại:');
  if (view.onlineLevel === 'partial' || view.channel !== 'online') {
    slip.paragraph(
      counter
        ? `${counter.agencyName}${counter.address ? `, ${counter.address}` : `, ${counter.unitFullName}`}.`
        : view.receivingAgency,
    );
    if (view.onlineLevel === 'partial')
      slip.paragraph(
        'Khi nhận kết quả, người nộp mang theo bản chính các giấy tờ trong hồ sơ để đối chiếu và giấy tiếp nhận này.',
        { italic: true },
      );
  } else {
    slip.paragraph(
      'Trực tuyến, trên Cổng dịch vụ công (mục "Hồ sơ của tôi"), hoặc tại Bộ phận Một cửa nếu người nộp đề nghị.',
    );
  }
  slip.signatures(
    [
      { title: 'NGƯỜI NỘP HỒ SƠ', hint: '(Ký và ghi rõ họ tên)', name: view.applicant.fullName },
      { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', hint: '(Ký và ghi rõ họ tên)' },
    ],
    {
      qrCode: {
        text: trackingUrl(input.publicUrl, view.code),
        caption: 'Quét mã để tra cứu hồ sơ (nhập 4 số cuối số điện thoại hoặc số định danh).',
        showText: true,
      },
    },
  );
  return slip.finish();
}
