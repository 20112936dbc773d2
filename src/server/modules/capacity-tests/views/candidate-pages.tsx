// The candidate's pages, phone first and usable without JavaScript: the tests I must take, a
// campaign's instructions and start button, one question per page (each answer saved by its form; the
// script capacity-test.js also saves on change and shows the countdown from the server's seconds),
// the hand-in page, the result (the right answers once the campaign has closed).
import { ASSET_VERSION } from '../../../views/assets.js';
import { CsrfField, Notice } from '../../../views/components.js';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';
import type { AttemptResult, AttemptView, CampaignView } from '../capacity-tests.service.js';
import { CapacityCrumbs, letter, minutesText, PassTag, StateTag, score, when } from './parts.js';
import {
  BANKS_PATH,
  CAMPAIGNS_PATH,
  campaignStartPath,
  questionPath,
  resultPath,
  reviewPath,
} from './paths.js';

const questionTotal = (view: CampaignView) =>
  Object.values(view.campaign.draw).reduce((sum, n) => sum + (n ?? 0), 0);

/** Window, duration, questions and pass mark, as a definition list. */
function CampaignFacts({ ctx, view }: { ctx: PageContext; view: CampaignView }) {
  const { campaign } = view;
  return (
    <dl class="facts">
      <dt>{ctx.t('capacity.fields.window')}</dt>
      <dd>
        {when(campaign.opens_at)} – {when(campaign.closes_at)}
      </dd>
      <dt>{ctx.t('capacity.fields.duration')}</dt>
      <dd>{minutesText(ctx, campaign.duration_minutes)}</dd>
      <dt>{ctx.t('capacity.fields.questions')}</dt>
      <dd>{String(questionTotal(view))}</dd>
      <dt>{ctx.t('capacity.fields.passMark')}</dt>
      <dd>{`${score(ctx, campaign.pass_mark)}%`}</dd>
    </dl>
  );
}

/** /can-bo/kiem-tra: my tests, and the way to the banks and campaigns for those who manage them. */
export function MyTestsPage(props: {
  ctx: PageContext;
  mine: CampaignView[];
  mayManage: boolean;
  mayOversee: boolean;
}) {
  const { ctx, mine } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('capacity.mine.title')}>
      <CapacityCrumbs ctx={ctx} items={[]} />
      <h1>{ctx.t('capacity.mine.title')}</h1>
      <p class="lead">{ctx.t('capacity.mine.intro')}</p>
      {props.mayManage || props.mayOversee ? (
        <ul class="inline-list capacity-manage-links">
          {props.mayManage ? (
            <li>
              <a href={BANKS_PATH}>{ctx.t('capacity.banks.title')}</a>
            </li>
          ) : null}
          <li>
            <a href={CAMPAIGNS_PATH}>{ctx.t('capacity.campaigns.title')}</a>
          </li>
          <li>
            <a href="/can-bo/cham-diem">{ctx.t('staffScores.nav')}</a>
          </li>
        </ul>
      ) : null}
      {mine.length === 0 ? (
        <p class="empty-state">{ctx.t('capacity.mine.empty')}</p>
      ) : (
        <ul class="plain capacity-list">
          {mine.map((view) => (
            <li class="card">
              <h2>
                <a href={campaignStartPath(view.campaign.code)}>{view.campaign.title}</a>
              </h2>
              <p>
                <StateTag ctx={ctx} state={view.state} />
              </p>
              <CampaignFacts ctx={ctx} view={view} />
              <MyStanding ctx={ctx} view={view} />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** Where the candidate stands: continue, start, or the result of the attempt that counts. */
function MyStanding({ ctx, view }: { ctx: PageContext; view: CampaignView }) {
  const mine = view.mine;
  if (!mine) return null;
  return (
    <>
      <p>
        {ctx.t('capacity.mine.attempts', { used: mine.attemptsUsed, allowed: mine.attemptsAllowed })}
        {mine.counting ? (
          <>
            {' · '}
            {ctx.t('capacity.mine.score', { score: score(ctx, mine.counting.score) })}{' '}
            <PassTag ctx={ctx} passed={mine.counting.passed ?? false} />
          </>
        ) : null}
      </p>
      <p>
        {mine.inProgress !== null ? (
          <a class="button" href={questionPath(mine.inProgress, 1)}>
            {ctx.t('capacity.mine.continue')}
          </a>
        ) : view.state === 'open' && mine.attemptsUsed < mine.attemptsAllowed ? (
          <a class="button" href={campaignStartPath(view.campaign.code)}>
            {ctx.t('capacity.mine.open')}
          </a>
        ) : null}
        {mine.counting ? (
          <a class="button button-secondary" href={resultPath(mine.counting.id)}>
            {ctx.t('capacity.mine.result')}
          </a>
        ) : null}
      </p>
    </>
  );
}

/** /can-bo/kiem-tra/{campaign}: the instructions and the start button. */
export function CampaignStartPage(props: {
  ctx: PageContext;
  view: CampaignView;
  problem?: string | undefined;
}) {
  const { ctx, view } = props;
  const mine = view.mine;
  const canStart =
    view.state === 'open' &&
    mine !== null &&
    mine.inProgress === null &&
    mine.attemptsUsed < mine.attemptsAllowed;
  return (
    <Layout ctx={ctx} title={view.campaign.title}>
      <CapacityCrumbs ctx={ctx} items={[{ label: view.campaign.title }]} />
      {props.problem ? (
        <Notice kind="warning">
          <p>{props.problem}</p>
        </Notice>
      ) : null}
      <h1>{view.campaign.title}</h1>
      <p>
        <StateTag ctx={ctx} state={view.state} />
      </p>
      {view.campaign.description ? <p class="pre-line">{view.campaign.description}</p> : null}
      <CampaignFacts ctx={ctx} view={view} />
      <h2>{ctx.t('capacity.start.rulesTitle')}</h2>
      <ul>
        <li>
          {ctx.t('capacity.start.ruleTime', {
            duration: minutesText(ctx, view.campaign.duration_minutes),
            closes: when(view.campaign.closes_at),
          })}
        </li>
        <li>{ctx.t('capacity.start.ruleSave')}</li>
        <li>{ctx.t('capacity.start.ruleConnection')}</li>
        <li>{ctx.t('capacity.start.ruleAttempts', { allowed: mine?.attemptsAllowed ?? 1 })}</li>
        <li>{ctx.t('capacity.start.ruleAnswers')}</li>
      </ul>
      {mine ? <MyStanding ctx={ctx} view={view} /> : null}
      {canStart ? (
        <form method="post" action={campaignStartPath(view.campaign.code)}>
          <CsrfField ctx={ctx} />
          <button type="submit" class="button button-large">
            {ctx.t('capacity.start.button')}
          </button>
        </form>
      ) : view.state === 'upcoming' ? (
        <p>{ctx.t('capacity.start.notYet', { opens: when(view.campaign.opens_at) })}</p>
      ) : view.state === 'closed' ? (
        <p>{ctx.t('capacity.start.closed')}</p>
      ) : mine && mine.inProgress === null && mine.attemptsUsed >= mine.attemptsAllowed ? (
        <p>{ctx.t('capacity.start.used')}</p>
      ) : null}
    </Layout>
  );
}

/** The time left, as the server counts it; capacity-test.js turns it into a live countdown. */
function Timer({ ctx, view }: { ctx: PageContext; view: AttemptView }) {
  const minutes = Math.ceil(view.remainingSeconds / 60);
  return (
    <div
      class="capacity-timer"
      data-remaining={String(view.remainingSeconds)}
      data-expired={resultPath(view.attempt.id)}
    >
      <p>
        <span class="capacity-timer-label">{ctx.t('capacity.take.timeLeft')}</span>{' '}
        <strong class="capacity-timer-value" data-timer-value="">
          {ctx.t('capacity.take.minutesLeft', { n: minutes })}
        </strong>
      </p>
      <p class="hint">{ctx.t('capacity.take.endsAt', { at: when(view.attempt.deadline) })}</p>
    </div>
  );
}

/** Links to every question, marking those answered (in words, not only by colour). */
function QuestionNav({ ctx, view, current }: { ctx: PageContext; view: AttemptView; current: number }) {
  return (
    <nav class="capacity-nav" aria-label={ctx.t('capacity.take.navLabel')}>
      <ol>
        {view.questions.map(({ question, selected }) => (
          <li class={selected.length > 0 ? 'answered' : undefined}>
            <a
              href={questionPath(view.attempt.id, question.position)}
              aria-current={question.position === current ? 'page' : undefined}
            >
              {String(question.position)}
              <span class="visually-hidden">
                {' '}
                {selected.length > 0 ? ctx.t('capacity.take.answered') : ctx.t('capacity.take.unanswered')}
              </span>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** /can-bo/kiem-tra/bai/{id}/cau/{n}: one question and its options; the form saves the answer. */
export function QuestionPage(props: {
  ctx: PageContext;
  view: AttemptView;
  position: number;
  notice?: string | undefined;
}) {
  const { ctx, view, position } = props;
  const entry = view.questions.find((q) => q.question.position === position)!;
  const { question, selected } = entry;
  const total = view.questions.length;
  const type = question.kind === 'single' ? 'radio' : 'checkbox';
  return (
    <Layout
      ctx={ctx}
      title={`${ctx.t('capacity.take.questionOf', { n: position, total })} – ${view.campaign.title}`}
    >
      <p class="kicker">{view.campaign.title}</p>
      <Timer ctx={ctx} view={view} />
      {props.notice ? (
        <Notice kind="success">
          <p>{props.notice}</p>
        </Notice>
      ) : null}
      <form
        method="post"
        action={questionPath(view.attempt.id, position)}
        class="capacity-question"
        data-save={`/api/v1/capacity-tests/attempts/${view.attempt.id}/answers/${position}`}
        data-saved={ctx.t('capacity.take.savedAt')}
        data-failed={ctx.t('capacity.take.saveFailed')}
      >
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>
            <span class="step-count">{ctx.t('capacity.take.questionOf', { n: position, total })}</span>
            <h1 class="capacity-prompt pre-line">{question.prompt}</h1>
          </legend>
          <p class="hint" id="choice-hint">
            {ctx.t(question.kind === 'single' ? 'capacity.take.chooseOne' : 'capacity.take.chooseAll')}
          </p>
          {question.options.map((option, index) => (
            <div class={`${type} capacity-option`}>
              <input
                type={type}
                id={`option-${option.key}`}
                name="answer"
                value={option.key}
                checked={selected.includes(option.key)}
                aria-describedby="choice-hint"
              />
              <label for={`option-${option.key}`}>
                <span class="capacity-letter">{letter(index)}.</span> {option.text}
              </label>
            </div>
          ))}
        </fieldset>
        <p class="capacity-save-status" aria-live="polite" data-save-status=""></p>
        <div class="capacity-actions">
          {position < total ? (
            <button type="submit" name="go" value="next" class="button">
              {ctx.t('capacity.take.saveNext')}
            </button>
          ) : (
            <button type="submit" name="go" value="review" class="button">
              {ctx.t('capacity.take.saveReview')}
            </button>
          )}
          {position > 1 ? (
            <button type="submit" name="go" value="previous" class="button button-secondary">
              {ctx.t('capacity.take.savePrevious')}
            </button>
          ) : null}
          {position < total ? (
            <button type="submit" name="go" value="review" class="button button-secondary">
              {ctx.t('capacity.take.saveReview')}
            </button>
          ) : null}
        </div>
      </form>
      <QuestionNav ctx={ctx} view={view} current={position} />
      <script src={`/assets/capacity-test.js?v=${ASSET_VERSION}`} defer></script>
    </Layout>
  );
}

/** /can-bo/kiem-tra/bai/{id}/nop: what is answered and what is not, and the hand-in button. */
export function ReviewPage(props: { ctx: PageContext; view: AttemptView }) {
  const { ctx, view } = props;
  const unanswered = view.questions.filter((q) => q.selected.length === 0).length;
  return (
    <Layout ctx={ctx} title={`${ctx.t('capacity.review.title')} – ${view.campaign.title}`}>
      <p class="kicker">{view.campaign.title}</p>
      <Timer ctx={ctx} view={view} />
      <h1>{ctx.t('capacity.review.title')}</h1>
      <p>
        {unanswered === 0
          ? ctx.t('capacity.review.allAnswered', { total: view.questions.length })
          : ctx.t('capacity.review.someUnanswered', { n: unanswered, total: view.questions.length })}
      </p>
      <ol class="capacity-review-list">
        {view.questions.map(({ question, selected }) => (
          <li>
            <a href={questionPath(view.attempt.id, question.position)}>
              {ctx.t('capacity.take.questionOf', { n: question.position, total: view.questions.length })}
            </a>{' '}
            {selected.length > 0 ? (
              <span class="tag tag-green">{ctx.t('capacity.take.answered')}</span>
            ) : (
              <span class="tag tag-amber">{ctx.t('capacity.take.unanswered')}</span>
            )}
          </li>
        ))}
      </ol>
      <form method="post" action={reviewPath(view.attempt.id)}>
        <CsrfField ctx={ctx} />
        <p>{ctx.t('capacity.review.warning')}</p>
        <button type="submit" class="button button-large">
          {ctx.t('capacity.review.submit')}
        </button>
      </form>
      <script src={`/assets/capacity-test.js?v=${ASSET_VERSION}`} defer></script>
    </Layout>
  );
}

/** /can-bo/kiem-tra/bai/{id}/ket-qua: the score, by topic, and (after the close) every question explained. */
export function ResultPage(props: { ctx: PageContext; result: AttemptResult; timeUp: boolean }) {
  const { ctx, result } = props;
  const { attempt, campaign } = result;
  return (
    <Layout ctx={ctx} title={`${ctx.t('capacity.result.title')} – ${campaign.title}`}>
      <CapacityCrumbs
        ctx={ctx}
        items={[
          { href: campaignStartPath(campaign.code), label: campaign.title },
          { label: ctx.t('capacity.result.title') },
        ]}
      />
      {props.timeUp || attempt.submitted_by === 'deadline' ? (
        <Notice kind="warning">
          <p>{ctx.t('capacity.result.byDeadline', { at: when(attempt.submitted_at!) })}</p>
        </Notice>
      ) : null}
      <h1>{ctx.t('capacity.result.title')}</h1>
      <div class="capacity-score">
        <p class="big-code">{`${score(ctx, attempt.score)}%`}</p>
        <p>
          {ctx.t('capacity.result.correct', {
            correct: attempt.correct_count ?? 0,
            total: attempt.question_count,
          })}{' '}
          <PassTag ctx={ctx} passed={attempt.passed ?? false} />
        </p>
        <p class="hint">
          {ctx.t('capacity.result.passMark', { mark: score(ctx, campaign.pass_mark) })} ·{' '}
          {ctx.t('capacity.result.submittedAt', { at: when(attempt.submitted_at!) })}
        </p>
      </div>
      <div class="table-wrap">
        <table>
          <caption>{ctx.t('capacity.result.byTopic')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('capacity.fields.topic')}</th>
              <th scope="col" class="num">
                {ctx.t('capacity.result.correctColumn')}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.byTopic.map((row) => (
              <tr>
                <th scope="row">{ctx.t(`capacity.topics.${row.topic}`)}</th>
                <td class="num">{`${row.correct}/${row.questions}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.review === null ? (
        <Notice>
          <p>{ctx.t('capacity.result.answersLater', { at: when(campaign.closes_at) })}</p>
        </Notice>
      ) : (
        <>
          <h2>{ctx.t('capacity.result.answersTitle')}</h2>
          <ol class="plain capacity-answers">
            {result.review.map((m) => (
              <li class="card">
                <h3>
                  {ctx.t('capacity.take.questionOf', {
                    n: m.question.position,
                    total: attempt.question_count,
                  })}{' '}
                  <span class={m.correct ? 'tag tag-green' : 'tag tag-red'}>
                    {ctx.t(m.correct ? 'capacity.result.right' : 'capacity.result.wrong')}
                  </span>
                </h3>
                <p class="pre-line">{m.question.prompt}</p>
                <ul class="plain capacity-review-options">
                  {m.question.options.map((option, index) => (
                    <li class={option.correct ? 'capacity-right' : undefined}>
                      <span class="capacity-letter">{letter(index)}.</span> {option.text}
                      {option.correct ? (
                        <strong>{` – ${ctx.t('capacity.result.rightAnswer')}`}</strong>
                      ) : null}
                      {m.selected.includes(option.key) ? (
                        <em>{` (${ctx.t('capacity.result.yourChoice')})`}</em>
                      ) : null}
                    </li>
                  ))}
                </ul>
                {m.question.explanation ? (
                  <p class="hint pre-line">
                    <strong>{ctx.t('capacity.result.explanation')}</strong> {m.question.explanation}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      )}
    </Layout>
  );
}
