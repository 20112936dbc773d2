// The official slips of Circular 01/2018/TT-VPCP (as amended), built from the application and its
// event log: supplement request (form 02), refusal (form 03), apology with a new date (form 04), the
// processing control slip (form 05), and the guidance slip for an incomplete file at the counter.
// Always in Vietnamese: they are the national forms.
import ExcelJS from 'exceljs';
import { STATUS } from '../../../shared/applications/workflow.js';
import { AppError } from '../../../shared/errors.js';
import { formatDateTime, translate } from '../../../shared/i18n/index.js';
import type { ActionContext, AppDeps } from '../../context.js';
import { createSlip } from '../../pdf/document.js';
import type { ApplicationRow } from '../applications/applications.repository.js';
import { findAgency, listEvents } from '../applications/applications.repository.js';
import { getApplicationFor } from '../applications/applications.service.js';
import { defaultCaseComponents } from '../catalog/catalog.presenter.js';
import { getProcedure } from '../catalog/catalog.service.js';
import { workbenchScope } from '../workbench/workbench.service.js';
import { listRegisterRows } from './slips.repository.js';

export const SLIP_KINDS = ['supplement', 'refusal', 'apology', 'control'] as const;
export type SlipKind = (typeof SLIP_KINDS)[number];

const TITLES: Record<SlipKind, string> = {
  supplement: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
  refusal: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
  apology: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
  control: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
};

const when = (moment: Date | null | undefined) => (moment ? formatDateTime(moment) : '—');

function trackingUrl(deps: AppDeps, code: string): string {
  return `${deps.config.publicUrl.replace(/\/+$/, '')}/tra-cuu?code=${encodeURIComponent(code)}`;
}

/** The last event of a kind, whose note carries the reasons or the request. */
function lastEvent(events: Awaited<ReturnType<typeof listEvents>>, action: string) {
  return [...events].reverse().find((e) => e.action === action);
}

/** One slip of an application, for whoever may see the application. */
export async function buildApplicationSlip(
  deps: AppDeps,
  context: ActionContext,
  input: { code: string; kind: SlipKind },
): Promise<Buffer> {
  const application: ApplicationRow = await getApplicationFor(deps, context, input.code);
  const db = deps.database.db;
  const [events, procedure, receiving] = await Promise.all([
    listEvents(db, application.id),
    getProcedure(deps, application.procedure_code, { includeRetired: true }),
    findAgency(db, application.receiving_agency_id),
  ]);
  const issuer = {
    parent: deps.config.siteName.vi.toUpperCase(),
    name: (receiving?.name ?? 'BỘ PHẬN MỘT CỬA').toUpperCase(),
  };
  const now = deps.clock.now();
  const slip = createSlip({
    issuer,
    place: deps.config.siteName.vi.replace(/^Ủy ban nhân dân (thị xã|huyện|xã|phường|thành phố|tỉnh) /i, ''),
    date: now,
    title: TITLES[input.kind],
    subtitle: `Mã hồ sơ: ${application.code}`,
    metadata: { title: `${TITLES[input.kind]} ${application.code}`, author: deps.config.siteName.vi },
  });
  const applicantLines = () =>
    slip
      .field('Ông/Bà', application.applicant_name)
      .field('Số điện thoại', application.applicant_phone)
      .field('Thủ tục', procedure.record.name);

  switch (input.kind) {
    case 'supplement': {
      const request = lastEvent(events, 'request_supplement');
      if (!request) throw new AppError('SLIP_NOT_AVAILABLE');
      slip.paragraph(`${receiving?.name ?? 'Bộ phận Một cửa'} đã tiếp nhận hồ sơ của:`);
      applicantLines();
      slip.paragraph('Sau khi xem xét, hồ sơ cần được bổ sung, hoàn thiện như sau:', { bold: true });
      slip.paragraph(request.note ?? '');
      slip.paragraph(
        'Thời gian giải quyết được tính lại kể từ khi nhận đủ hồ sơ bổ sung. Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ theo số điện thoại của Bộ phận Một cửa để được hướng dẫn.',
      );
      break;
    }
    case 'refusal': {
      const refusal = lastEvent(events, 'refuse');
      if (!refusal || application.status !== STATUS.REFUSED) throw new AppError('SLIP_NOT_AVAILABLE');
      slip.paragraph(`${receiving?.name ?? 'Bộ phận Một cửa'} đã nhận hồ sơ của:`);
      applicantLines();
      slip.paragraph('Hồ sơ không đủ điều kiện tiếp nhận, giải quyết vì lý do sau:', { bold: true });
      slip.paragraph(refusal.note ?? '');
      slip.paragraph('Xin thông báo để ông/bà được biết và thực hiện.');
      break;
    }
    case 'apology': {
      const apology = lastEvent(events, 'issue_apology');
      if (!apology) throw new AppError('SLIP_NOT_AVAILABLE');
      const previous =
        typeof apology.details === 'object' && apology.details && 'previousDueAt' in apology.details
          ? new Date(String((apology.details as { previousDueAt: unknown }).previousDueAt))
          : null;
      slip.paragraph('Cơ quan giải quyết hồ sơ xin lỗi ông/bà vì hồ sơ chưa được giải quyết đúng hẹn:');
      applicantLines();
      slip.field('Ngày hẹn trả kết quả trước đây', when(previous));
      slip.paragraph('Lý do:', { bold: true });
      slip.paragraph(apology.note ?? '');
      slip.field('Hẹn lại ngày trả kết quả', when(application.due_at));
      slip.paragraph('Mong ông/bà thông cảm và đến nhận kết quả theo thời gian hẹn mới.');
      break;
    }
    case 'control': {
      applicantLines();
      slip.field('Ngày nộp', when(application.submitted_at));
      slip.field('Ngày tiếp nhận', when(application.received_at));
      slip.field('Hẹn trả kết quả', when(application.due_at));
      slip.heading('Quá trình giải quyết');
      // Each hand-over against the deadline of the step it ended (form 05's "trước hạn / đúng hạn /
      // quá hạn"), and the deadline it set for the next one.
      let stepDue: Date | null = null;
      slip.list(
        events.map((e) => {
          const action = translate('vi', `applications.actions.${e.action}`);
          const status = translate('vi', `applications.status.${e.to_status}`);
          const by = e.actor_name ? ` – ${e.actor_name}` : '';
          const note = e.note ? ` – ${e.note}` : '';
          const kept = stepDue
            ? e.at.getTime() > stepDue.getTime()
              ? ' – quá hạn bước'
              : ' – đúng hạn bước'
            : '';
          const next = (e.details as { stepDueAt?: string } | null)?.stepDueAt;
          stepDue = next ? new Date(next) : null;
          const nextText = stepDue ? ` – hạn bước tiếp theo: ${formatDateTime(stepDue)}` : '';
          return `${formatDateTime(e.at)}: ${action} (${status})${by}${note}${kept}${nextText}`;
        }),
      );
      break;
    }
  }
  slip.signatures(
    [
      {
        title: input.kind === 'control' ? 'NGƯỜI LẬP PHIẾU' : 'NGƯỜI TIẾP NHẬN',
        hint: '(Ký và ghi rõ họ tên)',
        name: context.actor?.fullName,
      },
    ],
    { qrCode: { text: trackingUrl(deps, application.code), caption: 'Quét mã để tra cứu hồ sơ' } },
  );
  return slip.finish();
}

/** The guidance slip for an incomplete file handed in at the counter: what to add. No application exists. */
export async function buildGuidanceSlip(
  deps: AppDeps,
  context: ActionContext,
  input: { procedureCode: string; missing: string[]; applicantName?: string | undefined },
): Promise<Buffer> {
  const actor = context.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!actor.grants.some((g) => g.role === 'counter_officer')) throw new AppError('FORBIDDEN');
  const procedure = await getProcedure(deps, input.procedureCode);
  const components = defaultCaseComponents(procedure.record);
  const missing = components.filter((c) => input.missing.includes(c.id));
  const slip = createSlip({
    issuer: { parent: deps.config.siteName.vi.toUpperCase(), name: 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ' },
    place: 'Mộc Châu',
    date: deps.clock.now(),
    title: 'PHIẾU HƯỚNG DẪN HOÀN THIỆN HỒ SƠ',
  });
  if (input.applicantName) slip.field('Ông/Bà', input.applicantName);
  slip.field('Thủ tục', procedure.record.name);
  slip.paragraph('Hồ sơ chưa đầy đủ. Đề nghị ông/bà bổ sung các giấy tờ sau rồi nộp lại:', { bold: true });
  slip.list(missing.map((c) => c.name));
  slip.signatures([{ title: 'NGƯỜI HƯỚNG DẪN', hint: '(Ký và ghi rõ họ tên)', name: actor.fullName }]);
  return slip.finish();
}

/** Sổ theo dõi hồ sơ: the applications received in a period within the officer's reach, as XLSX. */
export async function buildTrackingRegister(
  deps: AppDeps,
  context: ActionContext,
  input: { from: Date; to: Date },
): Promise<Buffer> {
  const scope = await workbenchScope(deps, context.actor);
  const rows = await listRegisterRows(deps.database.db, { scope, from: input.from, to: input.to });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MotCua';
  const sheet = workbook.addWorksheet('Sổ theo dõi hồ sơ');
  sheet.columns = [
    { header: 'STT', key: 'n', width: 6 },
    { header: 'Mã hồ sơ', key: 'code', width: 26 },
    { header: 'Thủ tục', key: 'procedure', width: 50 },
    { header: 'Người nộp', key: 'applicant', width: 24 },
    { header: 'Kênh nộp', key: 'channel', width: 12 },
    { header: 'Ngày tiếp nhận', key: 'received', width: 18 },
    { header: 'Hẹn trả', key: 'due', width: 18 },
    { header: 'Trạng thái', key: 'status', width: 26 },
    { header: 'Ngày giải quyết xong', key: 'finished', width: 18 },
    { header: 'Ngày trả kết quả', key: 'returned', width: 18 },
  ];
  sheet.getRow(1).font = { bold: true };
  rows.forEach((row, index) => {
    sheet.addRow({
      n: index + 1,
      code: row.code,
      procedure: row.procedure_name,
      applicant: row.applicant_name,
      channel: translate('vi', `workbench.channels.${row.channel}`),
      received: when(row.received_at ?? row.submitted_at),
      due: when(row.due_at),
      status: translate('vi', `applications.status.${row.status}`),
      finished: when(row.finished_at),
      returned: when(row.returned_at),
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
