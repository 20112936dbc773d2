import { sql } from 'kysely';
import type { TAgencyRole, TProcedureRecord } from '../../../shared/catalog/schema.js';
import type { Queryable } from '../../context.js';

export interface ProcedureRow {
  id: number;
  code: string;
  version: number;
  status: 'active' | 'retired';
  record: TProcedureRecord;
  updated_at: Date;
}

/**
 * A record as stored: JSONB written by an earlier version may lack fields added since; they get
 * their schema defaults here, so every reader sees a complete record.
 */
export function storedRecord(json: unknown): TProcedureRecord {
  const record = json as TProcedureRecord;
  return { ...record, supplementClock: record.supplementClock ?? 'restart' };
}

export async function findProcedureByCode(db: Queryable, code: string): Promise<ProcedureRow | undefined> {
  const row = await db
    .selectFrom('procedures')
    .select(['id', 'code', 'version', 'status', 'record', 'updated_at'])
    .where('code', '=', code)
    .executeTakeFirst();
  return row ? { ...row, record: storedRecord(row.record) } : undefined;
}

/** Locks the row for the rest of the transaction, so two writers of one procedure queue up. */
export async function lockProcedureByCode(db: Queryable, code: string): Promise<ProcedureRow | undefined> {
  const row = await db
    .selectFrom('procedures')
    .select(['id', 'code', 'version', 'status', 'record', 'updated_at'])
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
  return row ? { ...row, record: storedRecord(row.record) } : undefined;
}

function columns(record: TProcedureRecord, searchName: string) {
  return {
    name: record.name,
    field: record.field,
    field_code: record.fieldCode,
    level: record.level,
    online_level: record.onlineLevel,
    status: record.status,
    version: record.version,
    data_completeness: record.dataCompleteness,
    record: JSON.stringify(record),
    search_name: searchName,
    effective_from: record.effectiveFrom,
    effective_to: record.effectiveTo,
  };
}

export async function insertProcedure(db: Queryable, record: TProcedureRecord, searchName: string, at: Date) {
  const row = await db
    .insertInto('procedures')
    .values({ code: record.code, ...columns(record, searchName), created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateProcedureRow(
  db: Queryable,
  id: number,
  record: TProcedureRecord,
  searchName: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('procedures')
    .set({ ...columns(record, searchName), updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function insertProcedureVersion(
  db: Queryable,
  version: { procedureId: number; version: number; record: TProcedureRecord; at: Date; by: number | null },
): Promise<void> {
  await db
    .insertInto('procedure_versions')
    .values({
      procedure_id: version.procedureId,
      version: version.version,
      record: JSON.stringify(version.record),
      changed_at: version.at,
      changed_by: version.by,
    })
    .onConflict((oc) => oc.columns(['procedure_id', 'version']).doNothing())
    .execute();
}

export async function replaceProcedureAgencies(
  db: Queryable,
  procedureId: number,
  links: { agencyId: number; role: TAgencyRole }[],
): Promise<void> {
  await db.deleteFrom('procedure_agencies').where('procedure_id', '=', procedureId).execute();
  if (links.length === 0) return;
  await db
    .insertInto('procedure_agencies')
    .values(links.map((l) => ({ procedure_id: procedureId, agency_id: l.agencyId, role: l.role })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Agencies below (and at) the given unit, by name and catalogue name, for linking records to them. */
export async function findAgenciesForLinking(db: Queryable, unitIds: number[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('agencies')
    .select(['id', 'code', 'name', 'catalog_name', 'unit_id'])
    .where('unit_id', 'in', unitIds)
    .execute();
}

export async function findProcedureAgencies(db: Queryable, procedureId: number) {
  return db
    .selectFrom('procedure_agencies as pa')
    .innerJoin('agencies as a', 'a.id', 'pa.agency_id')
    .select([
      'a.id',
      'a.code',
      'a.name',
      'a.name_en',
      'a.unit_id',
      'a.kind',
      'a.address',
      'a.phone',
      'pa.role',
    ])
    .where('pa.procedure_id', '=', procedureId)
    .orderBy('a.name')
    .execute();
}

export interface ProcedureFilter {
  q?: string | undefined;
  level?: string | undefined;
  field?: string | undefined;
  agencyCode?: string | undefined;
  onlineLevel?: string | undefined;
  status?: 'active' | 'retired' | 'all';
  offset: number;
  limit: number;
}

const LIST_COLUMNS = [
  'p.code',
  'p.name',
  'p.field',
  'p.level',
  'p.online_level',
  'p.status',
  'p.data_completeness',
] as const;

const escapeRegex = (text: string) => text.replace(/[\\^$.*+?()[\]{}|-]/g, (c) => `\\${c}`);
const escapeLike = (pattern: string) => pattern.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of procedures matching the filter, best matches first, with the total count. `q` is the
 * folded query (shared/text/fold.ts).
 *
 * Searching runs in up to three steps, because pg_trgm's similarity functions cost about 0.05–0.2 ms a call
 * (in PostgreSQL and more in PGlite) and a query that calls them on every row takes half a second on
 * the national catalogue (docs/benchmarks.md, "Catalogue search"):
 * 1. Exact: the name holds the query, or every word of three letters or more starts a word of the name
 *    ("dang ki ket hon" needs "dang", "ket", "hon"; the short "ki" is not needed, so "đăng ký" matches),
 *    or the code starts with it. Only LIKE and a regular expression, which the trigram index answers and
 *    rechecks cheaply; ranked by how exactly and how early the name holds the query, then by shortness.
 * 2. One word misspelt, only when step 1 finds nothing: every other word is in the name (the index),
 *    and the misspelt one and the whole query are similar enough (pg_trgm's word similarity, threshold
 *    0.6), compared on those few names only.
 * 3. Typo-tolerant, only when step 2 finds nothing too (two misspelt words, or a single word): the word
 *    similarity of the query and of each word of three letters or more, over the whole catalogue; this
 *    is the slow step (about a second on PGlite for the national list).
 * Steps 2 and 3 rank by similarity.
 */
export async function searchProcedureRows(db: Queryable, filter: ProcedureFilter) {
  const q = filter.q ?? '';
  let query = db.selectFrom('procedures as p');
  if (filter.status !== 'all') query = query.where('p.status', '=', filter.status ?? 'active');
  if (filter.level) query = query.where('p.level', '=', filter.level as 'district');
  if (filter.onlineLevel) query = query.where('p.online_level', '=', filter.onlineLevel as 'full');
  if (filter.field) query = query.where('p.field', '=', filter.field);
  if (filter.agencyCode) {
    const agencyCode = filter.agencyCode;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('procedure_agencies as pa')
          .innerJoin('agencies as a', 'a.id', 'pa.agency_id')
          .select(sql<number>`1`.as('one'))
          .whereRef('pa.procedure_id', '=', 'p.id')
          .where('a.code', '=', agencyCode),
      ),
    );
  }
  if (!q) {
    const totalRow = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const items = await query
      .select([...LIST_COLUMNS])
      .orderBy('p.field')
      .orderBy('p.name')
      .orderBy('p.code')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute();
    return { items, total: Number(totalRow.n) };
  }

  const words = [...new Set(q.split(' ').filter((w) => w.length >= 3))].slice(0, 8);
  const phrase = `%${escapeLike(q)}%`;
  const exact = query.where((eb) => {
    // Every word is in the name (the trigram index serves these LIKEs, so the planner uses it), and
    // either the name holds the whole query or each word starts a word of the name ("hon" is not "thon").
    const byName =
      words.length === 0
        ? eb('p.search_name', 'like', phrase)
        : eb.and([
            ...words.map((word) => eb('p.search_name', 'like', `%${escapeLike(word)}%`)),
            eb.or([
              eb('p.search_name', 'like', phrase),
              eb.and(words.map((word) => sql<boolean>`p.search_name ~ ${`(^| )${escapeRegex(word)}`}`)),
            ]),
          ]);
    // Codes are folded like names ("1.001193" is searched as "1 001193"); only a query with a digit can
    // be a code, and only then is the (unindexed) code compared, so other searches keep the index.
    return /\d/.test(q)
      ? eb.or([byName, sql<boolean>`lower(translate(p.code, '._-', '   ')) like ${`${escapeLike(q)}%`}`])
      : byName;
  });
  // One misspelt word among several: the other words, which the index finds, narrow the names down to
  // a few hundred before pg_trgm compares the misspelt one; one subquery per word that may be misspelt.
  const oneTypo =
    words.length < 2
      ? null
      : query.where((eb) =>
          eb(
            'p.id',
            'in',
            words
              .map((word, i) =>
                db
                  .selectFrom('procedures as t')
                  .select('t.id')
                  .where((e) =>
                    e.and([
                      ...words
                        .filter((_, j) => j !== i)
                        .map((other) => e('t.search_name', 'like', `%${escapeLike(other)}%`)),
                      sql<boolean>`${word} <% t.search_name`,
                      sql<boolean>`${q} <% t.search_name`,
                    ]),
                  ),
              )
              .reduce((all, arm) => all.union(arm)),
          ),
        );
  const fuzzy = query.where((eb) =>
    eb.or([
      eb('p.search_name', 'like', phrase),
      eb.and([
        sql<boolean>`${q} <% p.search_name`,
        ...words.map((word) => sql<boolean>`${word} <% p.search_name`),
      ]),
    ]),
  );
  // One query per page: the total comes with each row.
  const pageOf = async (matching: typeof query, ranked: boolean) => {
    let page = matching.select([...LIST_COLUMNS, sql<number>`count(*) over ()`.as('total')]);
    page = ranked
      ? page
          .orderBy(sql`(p.search_name = ${q})`, 'desc')
          .orderBy(sql`word_similarity(${q}, p.search_name)`, 'desc')
          .orderBy(sql`similarity(${q}, p.search_name)`, 'desc')
      : page
          .orderBy(sql`(p.search_name = ${q})`, 'desc')
          .orderBy(sql`(p.search_name like ${`${escapeLike(q)}%`})`, 'desc')
          .orderBy(sql`(p.search_name like ${phrase})`, 'desc')
          .orderBy(sql`length(p.search_name)`);
    const rows = await page.orderBy('p.code').offset(filter.offset).limit(filter.limit).execute();
    let total = Number(rows[0]?.total ?? 0);
    if (rows.length === 0 && filter.offset > 0) {
      // Past the last page: the rows carry no total, so count.
      const counted = await matching
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      total = Number(counted.n);
    }
    return { items: rows.map(({ total: _total, ...item }) => item), total };
  };
  const found = await pageOf(exact, false);
  if (found.total > 0) return found;
  if (oneTypo) {
    const nearly = await pageOf(oneTypo, true);
    if (nearly.total > 0) return nearly;
  }
  return pageOf(fuzzy, true);
}

export async function listFieldCounts(db: Queryable) {
  return db
    .selectFrom('procedures')
    .select(['field', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'active')
    .groupBy('field')
    .orderBy('field')
    .execute();
}

export async function listAllProcedureRecords(
  db: Queryable,
  includeRetired: boolean,
): Promise<TProcedureRecord[]> {
  let query = db.selectFrom('procedures').select('record').orderBy('code');
  if (!includeRetired) query = query.where('status', '=', 'active');
  return (await query.execute()).map((r) => storedRecord(r.record));
}

export async function countProceduresByShape(db: Queryable) {
  return db
    .selectFrom('procedures')
    .select(['level', 'online_level', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'active')
    .groupBy(['level', 'online_level'])
    .execute();
}
