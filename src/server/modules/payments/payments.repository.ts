// The only SQL of online payments: attempts, callbacks, what an application owes, the reconciliation
// and the service index's online payment figures.
import { type Insertable, type RawBuilder, type Selectable, sql, type Updateable } from 'kysely';
import type { Queryable } from '../../context.js';
import type { PaymentCallbacksTable, PaymentsTable } from '../../db/schema.js';
import type { QueueScope } from '../applications/applications.repository.js';

export type PaymentRow = Selectable<PaymentsTable>;
export type NewPayment = Insertable<PaymentsTable>;

export async function insertPayment(db: Queryable, row: NewPayment): Promise<PaymentRow> {
  return db.insertInto('payments').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findPaymentByTxnRef(db: Queryable, txnRef: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('txn_ref', '=', txnRef).executeTakeFirst();
}

/** The attempt, locked until the transaction ends: two callbacks for it settle one after the other. */
export async function lockPaymentByTxnRef(db: Queryable, txnRef: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('txn_ref', '=', txnRef).forUpdate().executeTakeFirst();
}

export async function updatePayment(
  db: Queryable,
  id: number,
  changes: Updateable<PaymentsTable>,
): Promise<PaymentRow> {
  return db
    .updateTable('payments')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertCallback(db: Queryable, row: Insertable<PaymentCallbacksTable>): Promise<void> {
  await db.insertInto('payment_callbacks').values(row).execute();
}

/** The newest attempt for the same thing that can still be paid: reused rather than opening a second. */
export async function findOpenPayment(
  db: Queryable,
  input: {
    applicationId: number;
    purpose: 'fee_due' | 'submission';
    feeEventId: number | null;
    amountVnd: number;
    now: Date;
  },
): Promise<PaymentRow | undefined> {
  let query = db
    .selectFrom('payments')
    .selectAll()
    .where('application_id', '=', input.applicationId)
    .where('purpose', '=', input.purpose)
    .where('amount_vnd', '=', input.amountVnd)
    .where('status', '=', 'created')
    // A minute's margin, so nobody is sent to a link about to expire.
    .where('expires_at', '>', new Date(input.now.getTime() + 60_000));
  if (input.feeEventId !== null) query = query.where('fee_event_id', '=', input.feeEventId);
  return query.orderBy('id', 'desc').executeTakeFirst();
}

export async function listPaymentsOfApplication(db: Queryable, applicationId: number): Promise<PaymentRow[]> {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('id', 'desc')
    .execute();
}

/** The payment an event credited (the online record_fee_paid or pay_online event). */
export async function findPaymentOfEvent(db: Queryable, eventId: number): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('applied_event_id', '=', eventId).executeTakeFirst();
}

/** The latest fee an officer asked for (request_fee): its event and the amount. */
export async function findLatestFeeRequest(
  db: Queryable,
  applicationId: number,
): Promise<{ id: number; amountVnd: number | null } | undefined> {
  const row = await db
    .selectFrom('application_events')
    .select(['id', 'details'])
    .where('application_id', '=', applicationId)
    .where('action', '=', 'request_fee')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  const amount = row.details.amountVnd;
  return { id: row.id, amountVnd: typeof amount === 'number' ? amount : null };
}

export async function hasAppliedSubmissionPayment(db: Queryable, applicationId: number): Promise<boolean> {
  const row = await db
    .selectFrom('payments')
    .select('id')
    .where('application_id', '=', applicationId)
    .where('purpose', '=', 'submission')
    .where('applied_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** The procedure's catalogue record (for its fees) and name. */
export async function findProcedureRecord(db: Queryable, procedureId: number) {
  return db
    .selectFrom('procedures')
    .select(['code', 'name', 'record'])
    .where('id', '=', procedureId)
    .executeTakeFirst();
}

/** What a receipt prints besides the payment: the application, its procedure and receiving side. */
export async function findReceiptFacts(db: Queryable, applicationId: number) {
  return db
    .selectFrom('applications as a')
    .innerJoin('procedures as p', 'p.id', 'a.procedure_id')
    .innerJoin('agencies as g', 'g.id', 'a.receiving_agency_id')
    .select([
      'a.code',
      'a.applicant_name',
      'a.applicant_phone',
      'a.applicant_email',
      'a.applicant_address',
      'a.applicant_user_id',
      'a.submitter_id',
      'p.name as procedure_name',
      'p.code as procedure_code',
      'g.name as agency_name',
      sql<
        string | null
      >`(select v.name from unit_versions v where v.unit_id = a.receiving_unit_id order by v.valid_from desc limit 1)`.as(
        'unit_name',
      ),
      sql<
        string | null
      >`(select v.full_name from unit_versions v where v.unit_id = a.receiving_unit_id order by v.valid_from desc limit 1)`.as(
        'unit_full_name',
      ),
    ])
    .where('a.id', '=', applicationId)
    .executeTakeFirst();
}

// -------------------------------------------------------------------------------------------------
// Reconciliation
// -------------------------------------------------------------------------------------------------

/** The applications an officer's scope reaches (alias `a`), as the workbench's queues define it. */
function inScope(scope: QueueScope) {
  const sides = [];
  if (scope.receivingAgencyIds.length)
    sides.push(sql`a.receiving_agency_id in (${sql.join(scope.receivingAgencyIds)})`);
  if (scope.handlingAgencyIds.length)
    sides.push(sql`a.handling_agency_id in (${sql.join(scope.handlingAgencyIds)})`);
  if (scope.overseenUnitIds.length) {
    sides.push(sql`a.receiving_unit_id in (${sql.join(scope.overseenUnitIds)})`);
    sides.push(sql`a.handling_unit_id in (${sql.join(scope.overseenUnitIds)})`);
  }
  return sides.length ? sql`(${sql.join(sides, sql` or `)})` : sql`false`;
}

const UNIT_CODE = sql<string>`(select u.code from units u where u.id = a.receiving_unit_id)`;
const UNIT_NAME = sql<string>`coalesce((select v.name from unit_versions v where v.unit_id = a.receiving_unit_id order by v.valid_from desc limit 1), '')`;

export interface ReconciledPayment {
  txn_ref: string;
  status: string;
  amount_vnd: number;
  applied: boolean;
  unapplied_reason: string | null;
  at: Date;
  code: string;
  procedure_code: string;
  procedure_name: string;
  unit_code: string;
  unit_name: string;
  gateway_transaction_no: string | null;
  bank_code: string | null;
  purpose: string;
}

/** Online attempts settled in the period (paid, failed or cancelled), in scope. */
export async function listSettledPayments(
  db: Queryable,
  input: { scope: QueueScope; start: Date; end: Date },
): Promise<ReconciledPayment[]> {
  const result = await sql<ReconciledPayment>`
    select t.txn_ref, t.status, t.amount_vnd::bigint as amount_vnd, t.applied_at is not null as applied,
      t.unapplied_reason, coalesce(t.paid_at, t.completed_at) as at, a.code, p.code as procedure_code,
      p.name as procedure_name, ${UNIT_CODE} as unit_code, ${UNIT_NAME} as unit_name,
      t.gateway_transaction_no, t.bank_code, t.purpose
    from payments t
    join applications a on a.id = t.application_id
    join procedures p on p.id = a.procedure_id
    where t.status <> 'created'
      and coalesce(t.paid_at, t.completed_at) >= ${input.start} and coalesce(t.paid_at, t.completed_at) < ${input.end}
      and ${inScope(input.scope)}
    order by coalesce(t.paid_at, t.completed_at), t.id`.execute(db);
  return result.rows.map((r) => ({ ...r, amount_vnd: Number(r.amount_vnd) }));
}

export interface ReconciledEvent {
  event_id: number;
  action: string;
  method: string | null;
  amount_vnd: number | null;
  at: Date;
  code: string;
  procedure_code: string;
  procedure_name: string;
  unit_code: string;
  unit_name: string;
}

/** Fees recorded at the counter (with the amount the officer had asked) and exemptions, in scope. */
export async function listCounterEvents(
  db: Queryable,
  input: { scope: QueueScope; start: Date; end: Date },
): Promise<ReconciledEvent[]> {
  const result = await sql<ReconciledEvent>`
    select e.id as event_id, e.action, e.details->>'paymentMethod' as method,
      (select (r.details->>'amountVnd')::bigint from application_events r
        where r.application_id = e.application_id and r.action = 'request_fee' and r.id < e.id
        order by r.id desc limit 1) as amount_vnd,
      e.at, a.code, p.code as procedure_code, p.name as procedure_name,
      ${UNIT_CODE} as unit_code, ${UNIT_NAME} as unit_name
    from application_events e
    join applications a on a.id = e.application_id
    join procedures p on p.id = a.procedure_id
    where (e.action = 'exempt_fee'
        or (e.action = 'record_fee_paid' and coalesce(e.details->>'paymentMethod', '') <> 'online'))
      and e.at >= ${input.start} and e.at < ${input.end}
      and ${inScope(input.scope)}
    order by e.at, e.id`.execute(db);
  return result.rows.map((r) => ({ ...r, amount_vnd: r.amount_vnd === null ? null : Number(r.amount_vnd) }));
}

export interface MismatchRow {
  kind: 'paid_not_applied' | 'applied_twice' | 'wrong_amount';
  at: Date;
  code: string;
  procedure_code: string;
  unit_code: string;
  txn_ref: string | null;
  amount_vnd: number | null;
  detail: string;
}

/**
 * What does not add up, in the period and scope:
 * - paid_not_applied: paid at the gateway (verified IPN) but not credited; or a verified return said
 *   paid while no IPN has confirmed it;
 * - applied_twice: one fee request (or the fee at submission) credited more than once;
 * - wrong_amount: a verified IPN whose amount is not the attempt's (answered 04).
 */
export async function listMismatches(
  db: Queryable,
  input: { scope: QueueScope; start: Date; end: Date },
): Promise<MismatchRow[]> {
  const { start, end } = input;
  const scope = inScope(input.scope);
  const result = await sql<MismatchRow>`
    select 'paid_not_applied' as kind, coalesce(t.paid_at, t.completed_at) as at, a.code, p.code as procedure_code,
      ${UNIT_CODE} as unit_code, t.txn_ref, t.amount_vnd::bigint as amount_vnd, coalesce(t.unapplied_reason, '') as detail
    from payments t join applications a on a.id = t.application_id join procedures p on p.id = a.procedure_id
    where t.status = 'succeeded' and t.applied_at is null
      and coalesce(t.paid_at, t.completed_at) >= ${start} and coalesce(t.paid_at, t.completed_at) < ${end} and ${scope}
    union all
    select 'paid_not_applied', min(c.received_at), a.code, p.code, ${UNIT_CODE}, t.txn_ref, t.amount_vnd::bigint, 'return_without_ipn'
    from payment_callbacks c join payments t on t.id = c.payment_id
      join applications a on a.id = t.application_id join procedures p on p.id = a.procedure_id
    where c.kind = 'return' and c.signature_valid and t.status = 'created'
      and c.params->>'vnp_ResponseCode' = '00' and c.params->>'vnp_TransactionStatus' = '00'
      and c.received_at >= ${start} and c.received_at < ${end} and ${scope}
    group by a.code, p.code, a.receiving_unit_id, t.txn_ref, t.amount_vnd
    union all
    select 'applied_twice', max(e.at), a.code, p.code, ${UNIT_CODE}, null, null,
      count(*)::text || ' × ' || min(e.action)
    from (
      select x.application_id, x.at, x.action,
        case when x.action = 'pay_online' then 0 else coalesce((select r.id from application_events r
          where r.application_id = x.application_id and r.action = 'request_fee' and r.id < x.id
          order by r.id desc limit 1), 0) end as fee_key
      from application_events x where x.action in ('record_fee_paid', 'pay_online')
    ) e join applications a on a.id = e.application_id join procedures p on p.id = a.procedure_id
    where ${scope}
    group by a.code, p.code, a.receiving_unit_id, e.action, e.fee_key
    having count(*) > 1 and max(e.at) >= ${start} and max(e.at) < ${end}
    union all
    select 'wrong_amount', c.received_at, a.code, p.code, ${UNIT_CODE}, t.txn_ref, t.amount_vnd::bigint,
      coalesce(c.params->>'vnp_Amount', '')
    from payment_callbacks c join payments t on t.id = c.payment_id
      join applications a on a.id = t.application_id join procedures p on p.id = a.procedure_id
    where c.kind = 'ipn' and c.outcome = '04' and c.received_at >= ${start} and c.received_at < ${end} and ${scope}
    order by 2, 3`.execute(db);
  return result.rows.map((r) => ({ ...r, amount_vnd: r.amount_vnd === null ? null : Number(r.amount_vnd) }));
}

/** Callbacks refused in the period because their signature was missing or wrong (not tied to scope). */
export async function countRejectedCallbacks(db: Queryable, input: { start: Date; end: Date }) {
  const row = await db
    .selectFrom('payment_callbacks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('signature_valid', '=', false)
    .where('received_at', '>=', input.start)
    .where('received_at', '<', input.end)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// -------------------------------------------------------------------------------------------------
// The service index (group 4, online payment)
// -------------------------------------------------------------------------------------------------

/** Whether online payment is in use on this platform at all (any attempt recorded). */
export async function anyPayment(db: Queryable): Promise<boolean> {
  return (await db.selectFrom('payments').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** A fee above zero in the record: on the given channel (`channel` set) or on any channel. */
const chargesFee = (channel: RawBuilder<unknown> | null) => sql<boolean>`exists (
  select 1 from jsonb_array_elements(coalesce(p.record->'channels', '[]'::jsonb)) ch,
    jsonb_array_elements(coalesce(ch->'fees', '[]'::jsonb)) f
  where jsonb_typeof(f->'amountVnd') = 'number' and (f->>'amountVnd')::numeric > 0
    ${channel ? sql`and ch->>'kind' = ${channel}` : sql``})`;

/** The fee-charging procedures among `procedureIds`, and those of them paid online in the period. */
export async function countFeeProcedures(
  db: Queryable,
  input: { procedureIds: number[]; unitIds: number[]; start: Date; end: Date },
): Promise<{ charging: number; paidOnline: number }> {
  if (input.procedureIds.length === 0) return { charging: 0, paidOnline: 0 };
  const result = await sql<{ charging: number; paid_online: number }>`
    select count(*)::bigint as charging,
      count(*) filter (where exists (
        select 1 from payments t join applications a on a.id = t.application_id
        where a.procedure_id = p.id and t.status = 'succeeded'
          and coalesce(a.handling_unit_id, a.receiving_unit_id) in (${sql.join(input.unitIds.length ? input.unitIds : [-1])})
          and coalesce(t.paid_at, t.completed_at) >= ${input.start} and coalesce(t.paid_at, t.completed_at) < ${input.end}
      ))::bigint as paid_online
    from procedures p
    where p.id in (${sql.join(input.procedureIds)}) and ${chargesFee(null)}`.execute(db);
  const row = result.rows[0];
  return { charging: Number(row?.charging ?? 0), paidOnline: Number(row?.paid_online ?? 0) };
}

/**
 * Applications received (submitted, for those not yet received) in the period, of fee-charging
 * procedures, less those whose fees came to zero (exempted; or free on their channel with no fee asked
 * and nothing paid); and of them, those paid online (credited).
 */
export async function countFeeApplications(
  db: Queryable,
  input: {
    unitIds: number[];
    procedureIds: number[] | null;
    channel: string | null;
    start: Date;
    end: Date;
  },
): Promise<{ charged: number; paidOnline: number }> {
  if (input.unitIds.length === 0) return { charged: 0, paidOnline: 0 };
  const result = await sql<{ charged: number; paid_online: number }>`
    select count(*)::bigint as charged,
      count(*) filter (where exists (
        select 1 from payments t where t.application_id = a.id and t.status = 'succeeded' and t.applied_at is not null
      ))::bigint as paid_online
    from applications a join procedures p on p.id = a.procedure_id
    where coalesce(a.handling_unit_id, a.receiving_unit_id) in (${sql.join(input.unitIds)})
      and coalesce(a.received_at, a.submitted_at) >= ${input.start}
      and coalesce(a.received_at, a.submitted_at) < ${input.end}
      and a.status <> 3
      ${input.procedureIds ? sql`and a.procedure_id in (${sql.join(input.procedureIds.length ? input.procedureIds : [-1])})` : sql``}
      ${input.channel ? sql`and a.channel = ${input.channel}` : sql``}
      and ${chargesFee(null)}
      and not exists (select 1 from application_events x where x.application_id = a.id and x.action = 'exempt_fee')
      and (${chargesFee(sql`a.channel`)}
        or exists (select 1 from application_events r where r.application_id = a.id and r.action = 'request_fee'
          and jsonb_typeof(r.details->'amountVnd') = 'number' and (r.details->>'amountVnd')::numeric > 0)
        or exists (select 1 from payments t where t.application_id = a.id and t.status = 'succeeded'))`.execute(
    db,
  );
  const row = result.rows[0];
  return { charged: Number(row?.charged ?? 0), paidOnline: Number(row?.paid_online ?? 0) };
}
