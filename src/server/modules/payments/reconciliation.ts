// Đối soát: the money collected per day (in Vietnam), receiving unit and procedure — paid online (a
// verified IPN), credited to its application, recorded at the counter, exempted — with everything
// that does not add up flagged, for the officer's own scope (the workbench's). As a page and XLSX.
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { addDays, parseLocalDate } from '../../../shared/calendar/index.js';
import { vietnamDate } from '../../../shared/clock.js';
import { AppError } from '../../../shared/errors.js';
import { translate } from '../../../shared/i18n/index.js';
import { RECONCILIATION_MAX_DAYS, type ZReconciliation } from '../../../shared/payments/schema.js';
import type { Actor, AppDeps } from '../../context.js';
import { workbenchScope } from '../workbench/workbench.service.js';
import {
  countRejectedCallbacks,
  listCounterEvents,
  listMismatches,
  listSettledPayments,
} from './payments.repository.js';

export type Reconciliation = z.output<typeof ZReconciliation>;
type Row = Reconciliation['rows'][number];

const startOfDay = (day: string) => new Date(`${day}T00:00:00+07:00`);
const DAY_MS = 86_400_000;

/** The period asked, checked: both days real, in order, at most RECONCILIATION_MAX_DAYS; the last week by default. */
export function reconciliationPeriod(
  now: Date,
  input: { from?: string | undefined; to?: string | undefined },
) {
  const today = vietnamDate(now);
  const to = input.to ?? today;
  const fields: Record<string, { key: string; params?: Record<string, number> }> = {};
  if (!parseLocalDate(to).ok) fields.to = { key: 'validation.invalidFormat' };
  const from = input.from ?? (fields.to ? today : addDays(to, -6));
  if (!parseLocalDate(from).ok) fields.from = { key: 'validation.invalidFormat' };
  if (Object.keys(fields).length === 0) {
    if (to < from) fields.to = { key: 'validation.periodReversed' };
    else if ((startOfDay(to).getTime() - startOfDay(from).getTime()) / DAY_MS + 1 > RECONCILIATION_MAX_DAYS)
      fields.to = { key: 'validation.periodTooLong', params: { maximum: RECONCILIATION_MAX_DAYS } };
  }
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });
  return { from, to, start: startOfDay(from), end: startOfDay(addDays(to, 1)) };
}

const zero = () => ({ count: 0, amountVnd: 0 });

/** The reconciliation of a period within the officer's reach. */
export async function reconcile(
  deps: AppDeps,
  actor: Actor | null,
  input: { from?: string | undefined; to?: string | undefined },
): Promise<Reconciliation> {
  const scope = await workbenchScope(deps, actor);
  const period = reconciliationPeriod(deps.clock.now(), input);
  const db = deps.database.db;
  const [payments, events, mismatches, rejected] = await Promise.all([
    listSettledPayments(db, { scope, ...period }),
    listCounterEvents(db, { scope, ...period }),
    listMismatches(db, { scope, ...period }),
    countRejectedCallbacks(db, period),
  ]);
  const rows = new Map<string, Row>();
  const rowOf = (
    at: Date,
    r: { unit_code: string; unit_name?: string; procedure_code: string; procedure_name?: string },
  ) => {
    const day = vietnamDate(at);
    const key = `${day}|${r.unit_code}|${r.procedure_code}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        day,
        unit: r.unit_code,
        unitName: r.unit_name ?? '',
        procedureCode: r.procedure_code,
        procedureName: r.procedure_name ?? '',
        online: zero(),
        applied: zero(),
        counter: zero(),
        exempted: 0,
        failed: 0,
        mismatches: 0,
      };
      rows.set(key, row);
    }
    if (!row.unitName && r.unit_name) row.unitName = r.unit_name;
    if (!row.procedureName && r.procedure_name) row.procedureName = r.procedure_name;
    return row;
  };
  for (const p of payments) {
    const row = rowOf(p.at, p);
    if (p.status === 'succeeded') {
      row.online.count++;
      row.online.amountVnd += p.amount_vnd;
      if (p.applied) {
        row.applied.count++;
        row.applied.amountVnd += p.amount_vnd;
      }
    } else row.failed++;
  }
  for (const e of events) {
    const row = rowOf(e.at, e);
    if (e.action === 'exempt_fee') row.exempted++;
    else {
      row.counter.count++;
      row.counter.amountVnd += e.amount_vnd ?? 0;
    }
  }
  for (const m of mismatches) rowOf(m.at, m).mismatches++;
  const list = [...rows.values()].sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      a.unit.localeCompare(b.unit) ||
      a.procedureCode.localeCompare(b.procedureCode),
  );
  const sum = (pick: (r: Row) => { count: number; amountVnd: number }) =>
    list.reduce(
      (t, r) => ({ count: t.count + pick(r).count, amountVnd: t.amountVnd + pick(r).amountVnd }),
      zero(),
    );
  return {
    from: period.from,
    to: period.to,
    rows: list,
    totals: {
      online: sum((r) => r.online),
      applied: sum((r) => r.applied),
      counter: sum((r) => r.counter),
      exempted: list.reduce((n, r) => n + r.exempted, 0),
      failed: list.reduce((n, r) => n + r.failed, 0),
      mismatches: mismatches.length,
      rejectedCallbacks: rejected,
    },
    mismatches: mismatches.map((m) => ({
      kind: m.kind,
      day: vietnamDate(m.at),
      applicationCode: m.code,
      procedureCode: m.procedure_code,
      txnRef: m.txn_ref,
      amountVnd: m.amount_vnd,
      detail: m.detail,
    })),
  };
}

/** A mismatch's detail in words (the reason code, or the amount the gateway sent). */
export function mismatchDetail(locale: 'vi' | 'en', m: Reconciliation['mismatches'][number]): string {
  if (m.kind === 'paid_not_applied' && m.detail) return translate(locale, `payments.reasons.${m.detail}`);
  if (m.kind === 'wrong_amount' && /^\d+$/.test(m.detail))
    return `vnp_Amount=${m.detail} (${Number(m.detail) / 100} ≠ ${m.amountVnd ?? '?'})`;
  return m.detail;
}

/** The same as XLSX: the rows per day, unit and procedure; the mismatches on a second sheet. */
export async function reconciliationXlsx(data: Reconciliation): Promise<Buffer> {
  const t = (key: string) => translate('vi', `payments.reconciliation.${key}`);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MotCua';
  const sheet = workbook.addWorksheet('Đối soát');
  sheet.columns = [
    { header: t('day'), key: 'day', width: 12 },
    { header: t('unit'), key: 'unit', width: 22 },
    { header: 'Mã thủ tục', key: 'procedureCode', width: 12 },
    { header: t('procedure'), key: 'procedureName', width: 50 },
    { header: `${t('online')} (khoản)`, key: 'onlineCount', width: 12 },
    { header: `${t('online')} (đồng)`, key: 'onlineAmount', width: 14 },
    { header: `${t('applied')} (khoản)`, key: 'appliedCount', width: 14 },
    { header: `${t('applied')} (đồng)`, key: 'appliedAmount', width: 16 },
    { header: `${t('counter')} (khoản)`, key: 'counterCount', width: 12 },
    { header: `${t('counter')} (đồng)`, key: 'counterAmount', width: 14 },
    { header: t('exempted'), key: 'exempted', width: 8 },
    { header: t('failed'), key: 'failed', width: 14 },
    { header: t('mismatches'), key: 'mismatches', width: 12 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of data.rows) {
    sheet.addRow({
      day: r.day,
      unit: r.unitName || r.unit,
      procedureCode: r.procedureCode,
      procedureName: r.procedureName,
      onlineCount: r.online.count,
      onlineAmount: r.online.amountVnd,
      appliedCount: r.applied.count,
      appliedAmount: r.applied.amountVnd,
      counterCount: r.counter.count,
      counterAmount: r.counter.amountVnd,
      exempted: r.exempted,
      failed: r.failed,
      mismatches: r.mismatches,
    });
  }
  const totals = sheet.addRow({
    day: t('totals'),
    onlineCount: data.totals.online.count,
    onlineAmount: data.totals.online.amountVnd,
    appliedCount: data.totals.applied.count,
    appliedAmount: data.totals.applied.amountVnd,
    counterCount: data.totals.counter.count,
    counterAmount: data.totals.counter.amountVnd,
    exempted: data.totals.exempted,
    failed: data.totals.failed,
    mismatches: data.totals.mismatches,
  });
  totals.font = { bold: true };
  for (const key of ['onlineAmount', 'appliedAmount', 'counterAmount']) sheet.getColumn(key).numFmt = '#,##0';

  const flagged = workbook.addWorksheet('Chênh lệch');
  flagged.columns = [
    { header: t('day'), key: 'day', width: 12 },
    { header: t('kind'), key: 'kind', width: 34 },
    { header: t('application'), key: 'code', width: 26 },
    { header: 'Mã thủ tục', key: 'procedureCode', width: 12 },
    { header: t('reference'), key: 'txnRef', width: 20 },
    { header: `${t('amount')} (đồng)`, key: 'amount', width: 14 },
    { header: t('detail'), key: 'detail', width: 60 },
  ];
  flagged.getRow(1).font = { bold: true };
  for (const m of data.mismatches) {
    flagged.addRow({
      day: m.day,
      kind: t(`kinds.${m.kind}`),
      code: m.applicationCode,
      procedureCode: m.procedureCode,
      txnRef: m.txnRef ?? '',
      amount: m.amountVnd ?? '',
      detail: mismatchDetail('vi', m),
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
