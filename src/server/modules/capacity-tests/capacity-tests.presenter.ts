// What leaves the server about capacity tests: codes instead of ids, ISO times, and never which options
// are right while a candidate could still use it.
import type { Topic } from '../../../shared/capacity/schema.js';
import type { Locale } from '../../../shared/i18n/index.js';
import type { QuestionRow } from './capacity-tests.repository.js';
import type {
  AttemptResult,
  AttemptView,
  BankView,
  CampaignReport,
  CampaignView,
} from './capacity-tests.service.js';
import type { ResultsWorkbook } from './capacity-tests.xlsx.js';

export function presentBank(bank: BankView) {
  return {
    code: bank.code,
    title: bank.title,
    topic: bank.topic,
    unit: bank.unitCode,
    description: bank.description,
    questions: bank.questions,
    activeQuestions: bank.active_questions,
  };
}

export function presentQuestion(question: QuestionRow) {
  return {
    code: question.code,
    kind: question.kind,
    prompt: question.prompt,
    options: question.options.map((o) => ({ key: o.key, text: o.text, correct: o.correct })),
    explanation: question.explanation,
    active: question.active,
    version: question.version,
  };
}

export function presentCampaign(view: CampaignView) {
  const { campaign } = view;
  return {
    code: campaign.code,
    title: campaign.title,
    description: campaign.description,
    unit: view.unitCode,
    status: campaign.status,
    state: view.state,
    opensAt: campaign.opens_at.toISOString(),
    closesAt: campaign.closes_at.toISOString(),
    durationMinutes: campaign.duration_minutes,
    passMark: campaign.pass_mark,
    draw: campaign.draw as Record<string, number>,
    questionCount: Object.values(campaign.draw).reduce((sum, n) => sum + (n ?? 0), 0),
    audience: { units: view.audienceUnitCodes, roles: campaign.audience_roles },
    candidates: view.candidates,
    mine: view.mine
      ? {
          attemptsAllowed: view.mine.attemptsAllowed,
          attemptsUsed: view.mine.attemptsUsed,
          inProgress: view.mine.inProgress,
          lastScore: view.mine.counting?.score ?? null,
          passed: view.mine.counting?.passed ?? null,
        }
      : null,
  };
}

export function presentAttempt(view: AttemptView) {
  const { attempt } = view;
  return {
    id: attempt.id,
    campaign: view.campaign.code,
    attemptNo: attempt.attempt_no,
    status: attempt.submitted_at === null ? ('in_progress' as const) : ('submitted' as const),
    startedAt: attempt.started_at.toISOString(),
    deadline: attempt.deadline.toISOString(),
    remainingSeconds: view.remainingSeconds,
    questions: view.questions.map(({ question, selected }) => ({
      position: question.position,
      topic: question.topic,
      kind: question.kind,
      prompt: question.prompt,
      options: question.options.map((o) => ({ key: o.key, text: o.text })),
      selected,
    })),
  };
}

export function presentResult(result: AttemptResult) {
  const { attempt } = result;
  return {
    id: attempt.id,
    campaign: result.campaign.code,
    attemptNo: attempt.attempt_no,
    submittedAt: attempt.submitted_at!.toISOString(),
    submittedBy: attempt.submitted_by!,
    correct: attempt.correct_count ?? 0,
    questions: attempt.question_count,
    score: attempt.score ?? 0,
    passMark: result.campaign.pass_mark,
    passed: attempt.passed ?? false,
    byTopic: result.byTopic,
    review:
      result.review?.map((m) => ({
        position: m.question.position,
        topic: m.question.topic,
        kind: m.question.kind,
        prompt: m.question.prompt,
        options: m.question.options.map((o) => ({ key: o.key, text: o.text, correct: o.correct })),
        selected: m.selected,
        correct: m.correct,
        explanation: m.question.explanation,
      })) ?? null,
  };
}

export function presentReport(report: CampaignReport, locale: Locale) {
  return {
    campaign: report.view.campaign.code,
    ...report.totals,
    byUnit: report.byUnit.map((g) => ({
      unit: g.unitCode,
      agency: g.agencyCode,
      name: locale === 'vi' ? g.name : g.nameEn,
      candidates: g.candidates,
      submitted: g.submitted,
      passed: g.passed,
      averageScore: g.averageScore,
    })),
    byTopic: report.byTopic.map((t) => ({ ...t, topic: t.topic as Topic })),
    people: report.people.map((p) => ({
      username: p.username,
      fullName: p.fullName,
      unit: p.unitCode,
      agency: p.agency?.code ?? null,
      role: p.role,
      attemptsAllowed: p.attemptsAllowed,
      attemptsUsed: p.attemptsUsed,
      status: p.status,
      score: p.counting?.score ?? null,
      passed: p.counting?.passed ?? null,
      submittedAt: p.counting?.submitted_at?.toISOString() ?? null,
    })),
  };
}

/** A campaign's results as the workbook leaders download, headers in the reader's language. */
export function presentResultsWorkbook(
  report: CampaignReport,
  t: (key: string, params?: Record<string, string | number>) => string,
  locale: Locale,
) {
  const data: ResultsWorkbook = {
    people: report.people.map((p) => ({
      username: p.username,
      fullName: p.fullName,
      unitName: p.agency
        ? `${locale === 'vi' ? p.agency.name : p.agency.nameEn} – ${locale === 'vi' ? p.unitName : p.unitNameEn}`
        : locale === 'vi'
          ? p.unitName
          : p.unitNameEn,
      role: t(`capacity.roles.${p.role}`),
      status: t(`capacity.status.${p.status}`),
      attemptsUsed: p.attemptsUsed,
      submittedAt: p.counting?.submitted_at ?? null,
      score: p.counting?.score ?? null,
      passed: p.counting ? t(p.counting.passed ? 'capacity.results.passed' : 'capacity.results.failed') : '',
    })),
    units: report.byUnit.map((g) => ({
      name: locale === 'vi' ? g.name : g.nameEn,
      candidates: g.candidates,
      submitted: g.submitted,
      passed: g.passed,
      averageScore: g.averageScore,
    })),
    topics: report.byTopic.map((row) => ({
      topic: t(`capacity.topics.${row.topic}`),
      answers: row.answers,
      correct: row.correct,
      correctRate: row.correctRate,
    })),
  };
  const labels = {
    sheets: [
      t('capacity.export.sheetPeople'),
      t('capacity.export.sheetUnits'),
      t('capacity.export.sheetTopics'),
    ] as [string, string, string],
    people: [
      'username',
      'fullName',
      'unit',
      'role',
      'status',
      'attempts',
      'submittedAt',
      'score',
      'passed',
    ].map((k) => t(`capacity.export.people.${k}`)),
    units: ['unit', 'candidates', 'submitted', 'passed', 'averageScore'].map((k) =>
      t(`capacity.export.units.${k}`),
    ),
    topics: ['topic', 'answers', 'correct', 'correctRate'].map((k) => t(`capacity.export.topics.${k}`)),
  };
  return { data, labels };
}
