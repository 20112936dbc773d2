// Demo evaluations of the demo applications whose result was returned, through the same service the
// pages use: one through the result e-mail's single-use link, one at the counter kiosk.
import { FixedClock } from '../../shared/clock.js';
import type { EvaluationLevel } from '../../shared/evaluations/schema.js';
import type { AppDeps } from '../context.js';
import { findCriteria, findReturnedUnevaluated } from '../modules/evaluations/evaluations.repository.js';
import { issueToken, submitEvaluation } from '../modules/evaluations/evaluations.service.js';
import { demoActor } from './demo.repository.js';

/** Evaluates the returned demo applications; returns how many. */
export async function loadDemoEvaluations(deps: AppDeps): Promise<number> {
  const returned = await findReturnedUnevaluated(deps.database.db, 10);
  const criteria = await findCriteria(deps.database.db);
  const answers = (levels: Partial<Record<string, EvaluationLevel>>) =>
    Object.fromEntries(criteria.map((c) => [c.code, levels[c.code] ?? 'very_satisfied'])) as Record<
      string,
      EvaluationLevel
    >;
  const counter = await demoActor(deps, 'counter');
  let made = 0;
  for (const [index, application] of returned.entries()) {
    const returnedAt = application.returned_at ?? application.updated_at;
    const context = { actor: null, requestId: 'demo-seed' };
    if (index % 2 === 0) {
      // The applicant opens the result e-mail's link that evening.
      const at = { ...deps, clock: new FixedClock(new Date(returnedAt.getTime() + 5 * 3600_000)) };
      const token = await issueToken(at, { applicationId: application.id, channel: 'email' });
      await submitEvaluation(
        at,
        context,
        { kind: 'token', token },
        {
          answers: answers({ timeliness: 'satisfied' }),
          comment: 'Cán bộ hướng dẫn tận tình, nhưng phải chờ lâu hơn dự kiến một chút.',
        },
      );
    } else {
      // At the counter, right after receiving the result.
      const at = { ...deps, clock: new FixedClock(new Date(returnedAt.getTime() + 5 * 60_000)) };
      await submitEvaluation(
        at,
        { actor: counter, requestId: 'demo-seed' },
        { kind: 'kiosk', code: application.code },
        { answers: answers({}), comment: null },
      );
    }
    made++;
  }
  return made;
}
