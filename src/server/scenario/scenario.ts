// The Mộc Châu scenario: six months of a district lived through the real service functions. Every
// application is drawn from the behaviours (behaviours.ts) with a seeded generator, then submitted online
// or received at a counter, accepted, forwarded, assigned, proposed, reviewed, approved and returned by
// the officers of its unit, on a simulated clock that jumps from one person's action to the next (a
// queue ordered by time). Some are refused, withdrawn, sent back for papers; some applicants evaluate,
// a few send feedback. Nothing is written around the services: the statistics are the roll-ups the
// services keep.
import { randomUUID } from 'node:crypto';
import { createWorkClock, type WorkClock } from '../../shared/calendar/office-hours.js';
import { FixedClock, vietnamDate } from '../../shared/clock.js';
import type { EvaluationLevel } from '../../shared/evaluations/schema.js';
import { MAX_FILES_PER_APPLICATION } from '../../shared/files/limits.js';
import type { ActionContext, Actor, AppDeps } from '../context.js';
import type { JobQueue } from '../jobs/queue.js';
import type { ApplicationRow } from '../modules/applications/applications.repository.js';
import { performAction, submitApplication } from '../modules/applications/applications.service.js';
import { receiveAtCounter } from '../modules/applications/intake.service.js';
import { loadCalendarSettings, loadWorkingCalendar } from '../modules/calendar/calendar.service.js';
import { findCriteria } from '../modules/evaluations/evaluations.repository.js';
import { issueToken, submitEvaluation } from '../modules/evaluations/evaluations.service.js';
import { submitFeedback } from '../modules/feedback/feedback.service.js';
import { uploadFile } from '../modules/files/files.service.js';
import { skipPastEvents } from '../modules/notifications/notifications.service.js';
import { MOC_CHAU_CODE } from '../seed/demo.js';
import { DEMO_PDF } from '../seed/demo.repository.js';
import { personName, random } from '../seed/demo-teams.js';
import {
  type Delay,
  MOC_CHAU_BEHAVIOURS,
  type ProcedureLevel,
  type ScenarioBehaviours,
} from './behaviours.js';
import { buildWorld, type ScenarioProcedure, type ScenarioWorld } from './world.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const VIETNAM_OFFSET = 7 * 3_600_000;
const LEVELS: ProcedureLevel[] = ['commune', 'district', 'vertical'];

export interface ScenarioProgress {
  /** The simulated day being lived (Vietnam date). */
  day: string;
  daysDone: number;
  days: number;
  submitted: number;
  actions: number;
}

export interface ScenarioOptions {
  /** Share of the district's demand to simulate (1 = the whole district; the tests use 0.02). */
  scale?: number;
  behaviours?: ScenarioBehaviours;
  onProgress?: (progress: ScenarioProgress) => void;
}

export interface ScenarioRun {
  period: { from: string; to: string };
  /** Applications submitted online or brought to a counter. */
  submitted: number;
  /** Workflow actions taken after submission. */
  actions: number;
  evaluations: number;
  feedback: number;
  /** Jobs the services queued (notifications), recorded instead of sent. */
  jobs: number;
}

/** A job queue that records what the services ask for and runs nothing (the scenario sends no mail). */
export class RecordingJobQueue implements JobQueue {
  readonly sent = new Map<string, number>();
  async send(name: string): Promise<string | null> {
    this.sent.set(name, (this.sent.get(name) ?? 0) + 1);
    return null;
  }
  get total(): number {
    return [...this.sent.values()].reduce((a, b) => a + b, 0);
  }
}

/** Actions waiting for their moment, earliest first (ties in the order they were planned). */
class Agenda {
  private readonly heap: { at: number; seq: number; run: () => Promise<void> }[] = [];
  private seq = 0;
  get size(): number {
    return this.heap.length;
  }
  add(at: number, run: () => Promise<void>): void {
    const heap = this.heap;
    heap.push({ at, seq: this.seq++, run });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }
  peek(): number | undefined {
    return this.heap[0]?.at;
  }
  take(): { at: number; run: () => Promise<void> } {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.less(l, m)) m = l;
        if (r < heap.length && this.less(r, m)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }
  private less(a: number, b: number): boolean {
    const x = this.heap[a]!;
    const y = this.heap[b]!;
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }
}

/** Vietnam midnight of a 'YYYY-MM-DD' date, as epoch ms. */
const midnight = (date: string) => Date.parse(`${date}T00:00:00Z`) - VIETNAM_OFFSET;

/**
 * Runs the scenario on an empty database: builds the world, then lives the period day by day.
 * `deps.clock` is not used: the scenario keeps its own simulated clock.
 */
export async function runScenario(deps: AppDeps, options: ScenarioOptions = {}): Promise<ScenarioRun> {
  const b = options.behaviours ?? MOC_CHAU_BEHAVIOURS;
  const scale = options.scale ?? 1;
  if (!(scale > 0 && scale <= 1)) throw new RangeError('scale must be above 0 and at most 1');
  const start = midnight(b.period.from);
  const end = midnight(b.period.to);
  // The world is set up at the first moment of the period (the unit tree holds from then).
  const clock = new FixedClock(new Date(start));
  const jobs = new RecordingJobQueue();
  const at: AppDeps = { ...deps, clock, jobs };
  const world = await buildWorld(at, {
    from: b.period.from,
    citizenAccounts: b.citizenAccounts,
    seed: b.seed,
  });
  const work = createWorkClock(await loadWorkingCalendar(at), (await loadCalendarSettings(at)).officeHours);
  const criteria = await findCriteria(deps.database.db);
  const sim = new Simulation(
    at,
    clock,
    work,
    world,
    b,
    scale,
    criteria.map((c) => c.code),
  );

  const days = Math.round((end - start) / DAY);
  for (let d = 0; d < days; d++) {
    const dayStart = start + d * DAY;
    sim.planArrivals(dayStart, d / Math.max(1, days - 1));
    await sim.liveUntil(dayStart + DAY);
    options.onProgress?.({
      day: vietnamDate(new Date(dayStart)),
      daysDone: d + 1,
      days,
      submitted: sim.run.submitted,
      actions: sim.run.actions,
    });
  }
  // What is still planned after the period is left undone: those applications stay in process.
  clock.set(new Date(end));
  // The history is not announced to its applicants when the app starts on this database.
  await skipPastEvents(at);
  sim.run.jobs = jobs.total;
  return sim.run;
}

interface Case {
  procedure: ScenarioProcedure;
  /** The unit whose counter receives it (the town, or a ward or commune). */
  unitCode: string;
  code: string;
  version: number;
  applicant: { fullName: string; idNumber: string; phone: string };
}

/**
 * How a level's demand spreads over its procedures: Zipf's law over a seeded order, each weight times
 * the procedure's online level's demand weight. Cumulative shares, for drawing by binary search.
 */
export function demand(
  procedures: readonly ScenarioProcedure[],
  level: ProcedureLevel,
  b: ScenarioBehaviours,
  rand: () => number,
): { procedures: ScenarioProcedure[]; cumulative: number[] } {
  const ordered = procedures
    .filter((p) => p.level === level)
    .map((p) => ({ p, key: rand() }))
    .sort((x, y) => x.key - y.key)
    .map((x) => x.p);
  let sum = 0;
  const cumulative = ordered.map((p, i) => {
    sum += b.demandWeight[p.onlineLevel] / (i + 1) ** b.popularityExponent;
    return sum;
  });
  return { procedures: ordered, cumulative: cumulative.map((c) => c / sum) };
}

class Simulation {
  readonly run: ScenarioRun;
  private readonly agenda = new Agenda();
  private readonly rand: () => number;
  private readonly popular: Map<ProcedureLevel, { procedures: ScenarioProcedure[]; cumulative: number[] }>;
  private people = 0;

  constructor(
    private readonly deps: AppDeps,
    private readonly clock: FixedClock,
    private readonly work: WorkClock,
    private readonly world: ScenarioWorld,
    private readonly b: ScenarioBehaviours,
    private readonly scale: number,
    private readonly criteria: string[],
  ) {
    this.run = {
      period: b.period,
      submitted: 0,
      actions: 0,
      evaluations: 0,
      feedback: 0,
      jobs: 0,
    };
    this.rand = random(b.seed);
    this.popular = new Map(LEVELS.map((level) => [level, demand(world.procedures, level, b, this.rand)]));
  }

  /** Draws the day's arrivals and puts them on the agenda. */
  planArrivals(dayStart: number, progress: number): void {
    const { day } = this.work.split(dayStart + VIETNAM_OFFSET / 2);
    const working = this.work.isWorkingDay(day);
    const growth = 1 + (this.b.growthByEnd - 1) * progress;
    for (const level of LEVELS) {
      const expected = this.b.arrivalsPerWorkingDay[level] * this.scale * growth;
      // Randomised rounding: unbiased, so the totals follow the rates closely at any scale.
      const n = Math.floor(expected + this.rand());
      for (let i = 0; i < n; i++) {
        const procedure = this.pick(level);
        // A procedure whose record asks for more papers than an online application may carry
        // (MAX_FILES_PER_APPLICATION) can only be brought to the counter.
        const online =
          this.rand() < this.b.onlineShare[procedure.onlineLevel] &&
          procedure.requiredComponents.length <= MAX_FILES_PER_APPLICATION;
        if (!working && !(online && this.rand() < this.b.dayOffOnlineShare)) continue;
        const moment = online ? this.onlineMoment(dayStart) : this.counterMoment(dayStart);
        if (moment === null) continue;
        const unitCode =
          procedure.level === 'commune'
            ? procedure.unitCodes[Math.floor(this.rand() * procedure.unitCodes.length)]!
            : MOC_CHAU_CODE;
        const applicant = this.applicant(unitCode);
        const plan = { procedure, unitCode, applicant };
        this.agenda.add(moment, () => (online ? this.submitOnline(plan) : this.receiveAtCounter(plan)));
      }
    }
  }

  /** Carries out everything planned before `until`, in time order. */
  async liveUntil(until: number): Promise<void> {
    while (this.agenda.size > 0 && (this.agenda.peek() ?? Infinity) < until) {
      const next = this.agenda.take();
      this.clock.set(new Date(next.at));
      await next.run();
    }
  }

  private pick(level: ProcedureLevel): ScenarioProcedure {
    const { procedures, cumulative } = this.popular.get(level)!;
    const roll = this.rand();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < roll) lo = mid + 1;
      else hi = mid;
    }
    return procedures[lo]!;
  }

  /** Citizens submit online at any hour, most in the evening. */
  private onlineMoment(dayStart: number): number {
    const hour = this.rand() < 0.55 ? 18 + this.rand() * 5 : 6 + this.rand() * 12;
    return dayStart + Math.floor(hour * 60) * MINUTE;
  }

  /** At the counter: during office hours of a working day; null on a day off. */
  private counterMoment(dayStart: number): number | null {
    const { day } = this.work.split(dayStart + VIETNAM_OFFSET / 2);
    if (!this.work.isWorkingDay(day)) return null;
    const open = this.work.nextWorkingMoment(dayStart);
    const offset = Math.floor(this.rand() * (this.work.workingDayMs - MINUTE));
    return this.work.walk(open, offset);
  }

  private applicant(unitCode: string) {
    this.people++;
    const serial = String(this.people).padStart(6, '0');
    return {
      fullName: personName(this.rand, unitCode === MOC_CHAU_CODE ? 'ward' : 'commune'),
      idNumber: `0141${String(70 + Math.floor(this.rand() * 35)).padStart(2, '0')}${serial}`,
      phone: `09${String(Math.floor(this.rand() * 1e8)).padStart(8, '0')}`,
    };
  }

  /** A delay in working minutes, then the next working moment: when someone waiting for it acts. */
  private after(delay: Delay, from = this.clock.now().getTime()): number {
    const z = Math.sqrt(-2 * Math.log(1 - this.rand())) * Math.cos(2 * Math.PI * this.rand());
    const minutes = Math.min(delay.max, Math.max(1, delay.median * Math.exp(delay.spread * z)));
    return this.work.walk(this.work.nextWorkingMoment(from), Math.round(minutes) * MINUTE);
  }

  private laterDays([min, max]: [number, number]): number {
    const days = min + this.rand() * (max - min);
    return this.work.nextWorkingMoment(this.clock.now().getTime() + Math.round(days * DAY));
  }

  private as(actor: Actor): ActionContext {
    return { actor, requestId: 'scenario' };
  }

  private async act(
    c: Case,
    actor: Actor,
    action: Parameters<typeof performAction>[2]['action'],
    extra: Partial<Parameters<typeof performAction>[2]> = {},
  ): Promise<ApplicationRow> {
    const row = await performAction(this.deps, this.as(actor), {
      code: c.code,
      action,
      expectedVersion: c.version,
      ...extra,
    });
    c.version = row.version;
    this.run.actions++;
    return row;
  }

  private office(unitCode: string) {
    return this.world.offices.get(unitCode)!;
  }

  private async submitOnline(plan: Omit<Case, 'code' | 'version'>): Promise<void> {
    const teams = plan.procedure.level === 'commune' ? (this.world.teams.get(plan.unitCode) ?? []) : [];
    const team =
      teams.length > 0 && this.rand() < this.b.assistedShare
        ? teams[Math.floor(this.rand() * teams.length)]
        : undefined;
    const submitter =
      team?.actor ?? this.world.citizens[Math.floor(this.rand() * this.world.citizens.length)]!;
    const documents = [];
    for (const component of plan.procedure.requiredComponents) {
      const file = await uploadFile(this.deps, this.as(submitter), {
        bytes: DEMO_PDF,
        name: `${component}.pdf`,
      });
      documents.push({ componentId: component, fileId: file.id });
    }
    const submitted = await submitApplication(this.deps, this.as(submitter), {
      procedureCode: plan.procedure.code,
      ...(plan.procedure.level === 'commune' ? { unitCode: plan.unitCode } : {}),
      applicant: plan.applicant,
      formData: plan.procedure.formExample,
      documents,
      idempotencyKey: randomUUID(),
      ...(team ? { assistedBy: { teamCode: team.code } } : {}),
    });
    this.run.submitted++;
    const c: Case = { ...plan, code: submitted.application.code, version: submitted.application.version };
    const receiving = submitted.application;
    this.agenda.add(this.after(this.b.delays.accept), async () => {
      const counter = this.office(plan.unitCode).counter;
      if (this.rand() < this.b.refusedShare) {
        await this.act(c, counter, 'refuse', { note: 'Hồ sơ không thuộc thẩm quyền hoặc nộp nhầm thủ tục.' });
        return;
      }
      const row = await this.act(c, counter, 'accept');
      this.afterReceipt(c, row.handling_agency_id ?? receiving.handling_agency_id);
    });
  }

  private async receiveAtCounter(plan: Omit<Case, 'code' | 'version'>): Promise<void> {
    const counter = this.office(plan.unitCode).counter;
    const received = await receiveAtCounter(this.deps, this.as(counter), {
      procedureCode: plan.procedure.code,
      ...(plan.procedure.level === 'commune' ? { unitCode: plan.unitCode } : {}),
      applicant: plan.applicant,
      formData: {},
      checkedComponents: plan.procedure.requiredComponents,
      documents: [],
      decision: 'accept',
    });
    this.run.submitted++;
    const row = received.application!;
    const c: Case = { ...plan, code: row.code, version: row.version };
    this.afterReceipt(c, row.handling_agency_id);
  }

  /** From receipt to the result: withdrawn, or forwarded, assigned, proposed, reviewed, approved, returned. */
  private afterReceipt(c: Case, agencyId: number | null): void {
    const office = this.office(c.unitCode);
    const staff = agencyId === null ? undefined : this.world.agencies.get(agencyId);
    if (!staff) throw new Error(`no officers for the handling agency of ${c.procedure.code}`);
    if (this.rand() < this.b.withdrawnShare) {
      this.agenda.add(this.after(this.b.delays.forward), async () => {
        await this.act(c, office.counter, 'request_withdrawal', { note: 'Công dân đề nghị rút hồ sơ.' });
        await this.act(c, office.counter, 'stop', { note: 'Công dân đề nghị rút hồ sơ.' });
      });
      return;
    }
    const supplement = this.rand() < this.b.supplementShare;
    this.agenda.add(this.after(this.b.delays.forward), async () => {
      await this.act(c, office.counter, 'forward');
      this.agenda.add(this.after(this.b.delays.assign), async () => {
        const row = await this.act(c, staff.head, 'assign', { assignee: staff.specialistUsername });
        const propose = async () => {
          await this.act(c, staff.specialist, 'propose', { note: 'Hồ sơ đủ điều kiện, đề nghị phê duyệt.' });
          this.agenda.add(this.after(this.b.delays.review), async () => {
            await this.act(c, staff.head, 'review');
            this.agenda.add(this.after(this.b.delays.approve), async () => {
              await this.act(c, this.leaderFor(c, row), 'approve');
              this.agenda.add(this.laterDays(this.b.collectDays), () => this.collect(c));
            });
          });
        };
        if (supplement) {
          this.agenda.add(this.after(this.b.delays.assign), async () => {
            await this.act(c, staff.specialist, 'request_supplement', {
              note: 'Bổ sung bản sao giấy tờ chứng minh nơi cư trú.',
            });
            this.agenda.add(this.laterDays(this.b.supplementDays), async () => {
              const back = await this.act(c, office.counter, 'receive_supplement');
              this.agenda.add(this.proposeMoment(back), propose);
            });
          });
        } else this.agenda.add(this.proposeMoment(row), propose);
      });
    });
  }

  /** The signing leader of the handling unit (the town's for its own agencies). */
  private leaderFor(c: Case, row: ApplicationRow): Actor {
    const unit = row.handling_unit_id === row.receiving_unit_id ? c.unitCode : MOC_CHAU_CODE;
    return this.office(unit).leader;
  }

  /** The specialist proposes after a share of the working time left before the due date. */
  private proposeMoment(row: ApplicationRow): number {
    const now = this.clock.now().getTime();
    const left = row.due_at
      ? Math.max(0, this.work.between(now, row.due_at.getTime()))
      : this.b.noLimitMinutes * MINUTE;
    const [lo, hi] = this.b.proposeShareOfRemaining;
    const share = lo + this.rand() * (hi - lo);
    return this.work.walk(this.work.nextWorkingMoment(now), Math.max(MINUTE, Math.round(left * share)));
  }

  /** The applicant collects the result; some fill in the evaluation form, a few send feedback. */
  private async collect(c: Case): Promise<void> {
    const counter = this.office(c.unitCode).counter;
    const row = await this.act(c, counter, 'return_result');
    if (this.rand() < this.b.evaluationShare) {
      const answers = Object.fromEntries(this.criteria.map((code) => [code, this.rating()])) as Record<
        string,
        EvaluationLevel
      >;
      if (this.rand() < 0.5) {
        await submitEvaluation(
          this.deps,
          this.as(counter),
          { kind: 'kiosk', code: c.code },
          { answers, comment: null },
        );
      } else {
        // That evening, from the link in the result e-mail.
        this.clock.set(new Date(this.clock.now().getTime() + 4 * 3_600_000));
        const token = await issueToken(this.deps, { applicationId: row.id, channel: 'email' });
        await submitEvaluation(
          this.deps,
          { actor: null, requestId: 'scenario' },
          { kind: 'token', token },
          { answers, comment: null },
        );
      }
      this.run.evaluations++;
    }
    if (this.rand() < this.b.feedbackShare) {
      await submitFeedback(
        this.deps,
        { actor: null, requestId: 'scenario' },
        {
          values: {
            kind: 'recommendation',
            subjectType: 'procedure',
            procedureCode: c.procedure.code,
            officerName: null,
            unitCode: c.unitCode,
            body: 'Đề nghị niêm yết rõ hơn thành phần hồ sơ của thủ tục này tại bộ phận một cửa và trên cổng dịch vụ công, để người dân chuẩn bị đủ giấy tờ ngay từ lần đầu.',
            senderName: c.applicant.fullName,
            senderPhone: c.applicant.phone,
            senderEmail: null,
            senderAddress: null,
            publishConsent: false,
          },
          channel: 'web',
          uploads: [],
          locale: 'vi',
          ip: `scenario-${this.run.feedback}`,
        },
      );
      this.run.feedback++;
    }
  }

  private rating(): EvaluationLevel {
    const roll = this.rand();
    let sum = 0;
    for (const [level, share] of Object.entries(this.b.ratings) as [EvaluationLevel, number][]) {
      sum += share;
      if (roll < sum) return level;
    }
    return 'very_satisfied';
  }
}
