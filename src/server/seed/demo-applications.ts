// Demo applications in every status, made through the same service functions officers and
// citizens use, so a new user signing in as counter, specialist, head or leader finds a working office.
import { randomUUID } from 'node:crypto';
import type { TApplicationAction } from '../../shared/applications/schema.js';
import { FixedClock } from '../../shared/clock.js';
import type { ActionContext, Actor, AppDeps } from '../context.js';
import { performAction, submitApplication } from '../modules/applications/applications.service.js';
import { receiveAtCounter } from '../modules/applications/intake.service.js';
import { uploadFile } from '../modules/files/files.service.js';
import { DEMO_PDF, demoActor, findDemoProcedures } from './demo.repository.js';

/** The Mộc Sơn team the demo `team` account belongs to (see demo-teams.ts). */
const DEMO_ASSISTING_TEAM = 'TCNS-03979-01';

const APPLICANTS = [
  { fullName: 'Lò Văn Thắng', idNumber: '014085001101', phone: '0912000101' },
  { fullName: 'Hà Thị Mai', idNumber: '014190001102', phone: '0912000102' },
  { fullName: 'Vì Văn Hùng', idNumber: '014078001103', phone: '0912000103' },
  { fullName: 'Mùa A Sình', idNumber: '014092001104', phone: '0912000104' },
  { fullName: 'Đinh Thị Hương', idNumber: '014188001105', phone: '0912000105' },
  { fullName: 'Nguyễn Văn Bình', idNumber: '014080001106', phone: '0912000106' },
  { fullName: 'Cầm Thị Ngọc', idNumber: '014195001107', phone: '0912000107' },
  { fullName: 'Sa Văn Tuấn', idNumber: '014089001108', phone: '0912000108' },
];

/** Where each demo application should end: the path of actions after it is submitted. */
const PLAN: {
  path: (TApplicationAction['action'] | 'withdraw')[];
  channel: 'online' | 'direct' | 'assisted';
}[] = [
  // Submitted by a community digital team member on a citizen's behalf.
  { path: [], channel: 'assisted' },
  { path: ['accept', 'forward'], channel: 'assisted' },
  { path: [], channel: 'online' },
  { path: [], channel: 'online' },
  { path: [], channel: 'online' },
  { path: ['accept'], channel: 'online' },
  { path: [], channel: 'direct' },
  { path: ['refuse'], channel: 'online' },
  { path: ['accept', 'forward'], channel: 'online' },
  { path: ['forward'], channel: 'direct' },
  { path: ['accept', 'forward', 'assign'], channel: 'online' },
  { path: ['forward', 'assign'], channel: 'direct' },
  { path: ['accept', 'forward', 'assign'], channel: 'online' },
  { path: ['accept', 'forward', 'assign', 'propose'], channel: 'online' },
  { path: ['forward', 'assign', 'propose', 'review'], channel: 'direct' },
  { path: ['accept', 'forward', 'assign', 'propose', 'review'], channel: 'online' },
  { path: ['accept', 'forward', 'assign', 'request_supplement'], channel: 'online' },
  { path: ['forward', 'assign', 'request_fee'], channel: 'direct' },
  { path: ['accept', 'withdraw'], channel: 'online' },
  { path: ['accept', 'withdraw', 'stop'], channel: 'online' },
  { path: ['accept', 'forward', 'assign', 'propose', 'review', 'approve'], channel: 'online' },
  { path: ['forward', 'assign', 'propose', 'review', 'approve'], channel: 'direct' },
  {
    path: ['accept', 'forward', 'assign', 'propose', 'review', 'approve', 'return_result'],
    channel: 'online',
  },
  { path: ['forward', 'assign', 'propose', 'review', 'approve', 'return_result'], channel: 'direct' },
];

const NOTES: Partial<Record<TApplicationAction['action'], string>> = {
  refuse: 'Thủ tục không thuộc thẩm quyền giải quyết của cấp thị xã.',
  request_supplement: 'Bổ sung bản sao giấy tờ chứng minh nơi cư trú.',
  stop: 'Công dân đề nghị rút hồ sơ.',
  propose: 'Hồ sơ đủ điều kiện, đề nghị phê duyệt.',
};

/** Loads the demo applications, dated over the last working days so some are due soon and some overdue. */
export async function loadDemoApplications(deps: AppDeps): Promise<number> {
  const procedures = await findDemoProcedures(deps.database.db, 'MC-TP', 6);
  if (procedures.length === 0) return 0;
  // Ten days back, a few hours between applications and an hour between actions: the last ones land
  // about three days ago, so deadlines fall on both sides of today.
  const clock = new FixedClock(new Date(deps.clock.now().getTime() - 10 * 24 * 3600_000));
  const at = { ...deps, clock };
  const people = {
    citizen: await demoActor(deps, 'citizen'),
    team: await demoActor(deps, 'team'),
    counter: await demoActor(deps, 'counter'),
    head: await demoActor(deps, 'head'),
    specialist: await demoActor(deps, 'specialist'),
    leader: await demoActor(deps, 'leader'),
  };
  const as = (actor: Actor): ActionContext => ({ actor, requestId: 'demo-seed' });
  let made = 0;
  for (const [index, plan] of PLAN.entries()) {
    const procedure = procedures[index % procedures.length]!;
    const applicant = APPLICANTS[index % APPLICANTS.length]!;
    clock.advance(4 * 3600_000);
    let code: string;
    let version: number;
    if (plan.channel !== 'direct') {
      const submitter = plan.channel === 'assisted' ? people.team : people.citizen;
      const documents = [];
      for (const component of procedure.requiredComponents) {
        const file = await uploadFile(at, as(submitter), { bytes: DEMO_PDF, name: `${component}.pdf` });
        documents.push({ componentId: component, fileId: file.id });
      }
      const submitted = await submitApplication(at, as(submitter), {
        procedureCode: procedure.code,
        applicant,
        formData: procedure.formExample,
        documents,
        idempotencyKey: `demo-${randomUUID()}`,
        ...(plan.channel === 'assisted' ? { assistedBy: { teamCode: DEMO_ASSISTING_TEAM } } : {}),
      });
      code = submitted.application.code;
      version = submitted.application.version;
    } else {
      const received = await receiveAtCounter(at, as(people.counter), {
        procedureCode: procedure.code,
        applicant,
        formData: {},
        checkedComponents: procedure.requiredComponents,
        documents: [],
        decision: 'accept',
      });
      code = received.application!.code;
      version = received.application!.version;
    }
    for (const step of plan.path) {
      clock.advance(3600_000);
      const actor =
        step === 'withdraw'
          ? people.citizen
          : step === 'assign' || step === 'review'
            ? people.head
            : step === 'propose' || step === 'request_supplement' || step === 'request_fee'
              ? people.specialist
              : step === 'approve'
                ? people.leader
                : people.counter;
      const action = step === 'withdraw' ? 'request_withdrawal' : step;
      const updated = await performAction(at, as(actor), {
        code,
        action,
        expectedVersion: version,
        ...(NOTES[action] ? { note: NOTES[action] } : {}),
        ...(action === 'assign' ? { assignee: 'specialist' } : {}),
        ...(action === 'request_fee' ? { amountVnd: 100_000 } : {}),
      });
      version = updated.version;
    }
    made++;
  }
  return made;
}
