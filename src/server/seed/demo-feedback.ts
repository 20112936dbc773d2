// Demo feedback (phản ánh, kiến nghị) in every state, made through the same service functions the
// form, Open311 and the staff pages use, dated over the last two weeks: some answered and published,
// some waiting (new, routed, due soon, overdue), one closed. The people and their stories are invented.
import { FixedClock, vietnamDate } from '../../shared/clock.js';
import type { TFeedbackSubmit } from '../../shared/feedback/schema.js';
import type { ActionContext, Actor, AppDeps } from '../context.js';
import {
  answerFeedback,
  closeFeedback,
  submitFeedback,
  triageFeedback,
} from '../modules/feedback/feedback.service.js';
import { DEMO_PDF, demoActor, findDemoProcedures } from './demo.repository.js';

type Step =
  | { do: 'triage'; by: string; agency: string | null; unit?: string; officer?: string }
  | { do: 'answer'; by: string; upheld: boolean; answer: string }
  | { do: 'close'; by: string; reason: string };

interface DemoItem {
  /** Days before now it was received. */
  daysAgo: number;
  values: Omit<TFeedbackSubmit, 'procedureCode'> & { procedure?: number };
  /** Staff recorded it (counter or hotline) instead of the sender using the form. */
  recordedBy?: string;
  channel?: 'web' | 'open311';
  location?: { lat: number; long: number; address: string };
  attachment?: boolean;
  steps: Step[];
}

const base = {
  procedureCode: null,
  officerName: null,
  unitCode: null,
  senderName: null,
  senderPhone: null,
  senderEmail: null,
  senderAddress: null,
  publishConsent: false,
} as const;

const ITEMS: DemoItem[] = [
  {
    daysAgo: 15,
    values: {
      ...base,
      kind: 'complaint',
      subjectType: 'procedure',
      procedure: 0,
      body: 'Tôi nộp hồ sơ đăng ký khai sinh cho con ngày 10, giấy hẹn ghi trả kết quả sau 3 ngày làm việc nhưng đến nay vẫn chưa nhận được, cũng không có ai gọi điện báo lý do chậm.',
      senderName: 'Lò Văn Thắng',
      senderPhone: '0912000201',
      publishConsent: true,
    },
    steps: [
      { do: 'triage', by: 'counter', agency: 'MC-TP' },
      {
        do: 'answer',
        by: 'head',
        upheld: true,
        answer:
          'Phòng Tư pháp đã kiểm tra: hồ sơ của ông bị chậm 2 ngày do cán bộ thụ lý nghỉ ốm, không bàn giao kịp. Phòng đã trả kết quả, gửi văn bản xin lỗi và chấn chỉnh việc bàn giao hồ sơ khi cán bộ vắng mặt.',
      },
    ],
  },
  {
    daysAgo: 14,
    values: {
      ...base,
      kind: 'recommendation',
      subjectType: 'unit',
      body: 'Đề nghị Bộ phận Một cửa bố trí thêm ghế chờ và số thứ tự vào buổi sáng thứ Hai, vì người dân các bản xa đến sớm phải đứng chờ lâu.',
      publishConsent: true,
    },
    steps: [
      {
        do: 'answer',
        by: 'leader',
        upheld: true,
        answer:
          'Cảm ơn kiến nghị của ông/bà. Từ tháng này, Bộ phận Một cửa đã bố trí thêm 12 ghế chờ và máy cấp số thứ tự; sáng thứ Hai mở thêm một quầy tiếp nhận.',
      },
    ],
  },
  {
    daysAgo: 13,
    recordedBy: 'counter',
    values: {
      ...base,
      kind: 'complaint',
      subjectType: 'officer',
      officerName: 'Cán bộ quầy số 2, Bộ phận Một cửa',
      body: 'Công dân đến trực tiếp phản ánh cán bộ quầy số 2 yêu cầu nộp thêm bản sao giấy tờ không có trong thành phần hồ sơ của thủ tục.',
      senderName: 'Hà Thị Mai',
      senderPhone: '0912000202',
      channel: 'counter',
    },
    steps: [
      { do: 'triage', by: 'counter', agency: 'MC-VP' },
      {
        do: 'answer',
        by: 'leader',
        upheld: true,
        answer:
          'Qua xác minh, phản ánh là đúng. Văn phòng đã nhắc nhở cán bộ, yêu cầu chỉ tiếp nhận đúng thành phần hồ sơ đã công khai, và liên hệ hướng dẫn lại cho bà.',
      },
    ],
  },
  {
    daysAgo: 12,
    channel: 'open311',
    location: { lat: 20.8449, long: 104.6376, address: 'Tiểu khu 4, phường Mộc Lỵ' },
    values: {
      ...base,
      kind: 'complaint',
      subjectType: 'procedure',
      procedure: 1,
      body: 'Trang dịch vụ công không cho tải lên ảnh chụp giấy tờ bằng điện thoại, báo lỗi định dạng dù ảnh là JPG.',
      publishConsent: true,
    },
    steps: [
      { do: 'triage', by: 'counter', agency: 'MC-TP' },
      {
        do: 'answer',
        by: 'specialist',
        upheld: false,
        answer:
          'Hệ thống nhận ảnh JPG và PNG đến 10 MB. Ảnh ông/bà gửi có định dạng HEIC (mặc định của một số điện thoại) nên không được nhận. Vui lòng chọn chụp ảnh ở định dạng JPG hoặc chuyển ảnh sang PDF trước khi tải lên.',
      },
    ],
  },
  {
    daysAgo: 11,
    recordedBy: 'counter',
    values: {
      ...base,
      kind: 'complaint',
      subjectType: 'other',
      body: 'Gọi đường dây nóng phản ánh lại việc chậm trả kết quả khai sinh đã phản ánh trên Cổng dịch vụ công tuần trước.',
      channel: 'hotline',
    },
    steps: [
      {
        do: 'close',
        by: 'leader',
        reason: 'Trùng với phản ánh đã tiếp nhận trên Cổng dịch vụ công và đã được Phòng Tư pháp trả lời.',
      },
    ],
  },
  {
    daysAgo: 16,
    values: {
      ...base,
      kind: 'recommendation',
      subjectType: 'procedure',
      procedure: 2,
      body: 'Đề nghị cho phép nộp bản chụp giấy tờ tùy thân thay cho bản sao chứng thực khi nộp hồ sơ trực tuyến, vì đã có dữ liệu dân cư.',
      senderEmail: 'nguoidan@example.vn',
    },
    attachment: true,
    steps: [{ do: 'triage', by: 'counter', agency: 'MC-TP' }],
  },
  {
    daysAgo: 16,
    values: {
      ...base,
      kind: 'complaint',
      subjectType: 'unit',
      body: 'Bộ phận Một cửa không niêm yết số điện thoại đường dây nóng ở nơi tiếp nhận hồ sơ, người dân không biết phản ánh ở đâu.',
    },
    steps: [],
  },
  {
    daysAgo: 13,
    values: {
      ...base,
      kind: 'complaint',
      subjectType: 'procedure',
      procedure: 3,
      body: 'Hồ sơ chứng thực của tôi bị trả lại hai lần, mỗi lần yêu cầu bổ sung một giấy tờ khác nhau, không hướng dẫn một lần cho đủ.',
      senderName: 'Vì Văn Hùng',
      senderPhone: '0912000203',
    },
    steps: [{ do: 'triage', by: 'counter', agency: 'MC-TP' }],
  },
  {
    daysAgo: 1,
    values: {
      ...base,
      kind: 'recommendation',
      subjectType: 'other',
      body: 'Đề nghị gửi tin nhắn nhắc lịch hẹn trả kết quả trước một ngày cho người dân ở xa.',
      publishConsent: true,
    },
    steps: [],
  },
  {
    daysAgo: 3,
    values: {
      ...base,
      kind: 'complaint',
      subjectType: 'unit',
      unitCode: '03979',
      body: 'Bộ phận Một cửa phường Mộc Sơn đóng cửa sớm trước giờ làm việc buổi chiều thứ Sáu.',
    },
    steps: [],
  },
  {
    daysAgo: 2,
    values: {
      ...base,
      kind: 'complaint',
      subjectType: 'procedure',
      procedure: 4,
      body: 'Lệ phí niêm yết trên Cổng khác với số tiền cán bộ thu tại quầy.',
      senderName: 'Cầm Thị Ngọc',
      publishConsent: true,
    },
    steps: [{ do: 'triage', by: 'counter', agency: 'MC-TP' }],
  },
  {
    daysAgo: 9,
    values: {
      ...base,
      kind: 'recommendation',
      subjectType: 'unit',
      body: 'Đề nghị niêm yết hướng dẫn nộp hồ sơ trực tuyến bằng tiếng dân tộc Thái và H’Mông tại Bộ phận Một cửa.',
      publishConsent: true,
    },
    steps: [
      { do: 'triage', by: 'counter', agency: 'MC-VHTT' },
      {
        do: 'answer',
        by: 'leader',
        upheld: true,
        answer:
          'Ủy ban nhân dân thị xã tiếp thu kiến nghị. Phòng Văn hóa và Thông tin đang phối hợp với Phòng Dân tộc biên soạn tờ hướng dẫn song ngữ, dự kiến niêm yết trong quý tới.',
      },
    ],
  },
];

/** Loads the demo feedback; returns how many items it made. */
export async function loadDemoFeedback(deps: AppDeps): Promise<number> {
  const procedures = await findDemoProcedures(deps.database.db, 'MC-TP', 5);
  const now = deps.clock.now().getTime();
  const people = new Map<string, Actor>();
  for (const name of ['counter', 'specialist', 'head', 'leader'])
    people.set(name, await demoActor(deps, name));
  const as = (name: string): ActionContext => ({ actor: people.get(name) ?? null, requestId: 'demo-seed' });
  // Oldest first, so the daily codes follow the dates.
  const items = [...ITEMS].sort((a, b) => b.daysAgo - a.daysAgo);
  let made = 0;
  for (const [index, plan] of items.entries()) {
    // Sent in the morning of its day (Vietnam time), a little later for each item.
    const day = vietnamDate(new Date(now - plan.daysAgo * 24 * 3600_000));
    const sentAt = new Date(`${day}T08:10:00+07:00`).getTime() + index * 23 * 60_000;
    const clock = new FixedClock(new Date(Math.min(sentAt, now - 3600_000)));
    const at = { ...deps, clock };
    const { procedure, ...values } = plan.values;
    const procedureCode =
      procedure === undefined ? null : (procedures[procedure % Math.max(1, procedures.length)]?.code ?? null);
    const { item } = await submitFeedback(
      at,
      plan.recordedBy ? as(plan.recordedBy) : { actor: null, requestId: 'demo-seed' },
      {
        values: {
          ...values,
          procedureCode,
          subjectType:
            procedureCode === null && values.subjectType === 'procedure' ? 'other' : values.subjectType,
        },
        channel: plan.channel ?? 'web',
        uploads: plan.attachment ? [{ name: 'giay-to-kem-theo.pdf', bytes: DEMO_PDF, truncated: false }] : [],
        ...(plan.location ? { location: { ...plan.location, addressId: null, mediaUrl: null } } : {}),
        locale: 'vi',
        ip: 'demo-seed',
      },
    );
    let version = item.version;
    for (const step of plan.steps) {
      clock.advance(26 * 3600_000);
      if (clock.now().getTime() > now) clock.set(new Date(now - 60_000));
      const updated =
        step.do === 'triage'
          ? await triageFeedback(at, as(step.by), item.code, {
              expectedVersion: version,
              unitCode: step.unit ?? deps.config.homeUnitCode,
              agencyCode: step.agency,
              officerUsername: step.officer ?? null,
              note: null,
            })
          : step.do === 'answer'
            ? await answerFeedback(at, as(step.by), item.code, {
                expectedVersion: version,
                answer: step.answer,
                upheld: step.upheld,
                publish: true,
              })
            : await closeFeedback(at, as(step.by), item.code, {
                expectedVersion: version,
                reason: step.reason,
              });
      version = updated.version;
    }
    made++;
  }
  return made;
}
