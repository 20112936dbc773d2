// Question banks as Excel workbooks, and campaign results for leaders. A bank's sheet `questions`: the
// header in row 1, one question per row, every cell text:
//
//   code | kind | question | option_a … option_f | correct | explanation | active
//
// `correct` names the right options by their column letter ("b" or "a, c"); `kind` may be left empty
// (one letter: single choice, more: multiple); `active` is yes/no (yes when empty). Reading reports
// every problem with its row number; the import service takes a file only when it has none.
import ExcelJS from 'exceljs';
import {
  MAX_IMPORT_ROWS,
  OPTION_KEYS,
  promptKey,
  QUESTION_KINDS,
  type QuestionKind,
  type TQuestionInput,
  ZQuestionInput,
} from '../../../shared/capacity/schema.js';
import { formatDateTime } from '../../../shared/i18n/index.js';
import type { CapacityOption } from '../../db/schema.js';
import { cellText, MAX_XLSX_UNPACKED_BYTES, zipUnpackedSize } from '../catalog/formats/xlsx.js';

export const QUESTIONS_SHEET = 'questions';
const OPTION_COLUMNS = OPTION_KEYS.map((key) => `option_${key}` as const);
export const QUESTION_COLUMNS = [
  'code',
  'kind',
  'question',
  ...OPTION_COLUMNS,
  'correct',
  'explanation',
  'active',
] as const;
const REQUIRED_COLUMNS = ['question', 'option_a', 'option_b', 'correct'] as const;

/** A problem of an import file: where (row as Excel numbers it, header = 1; the column) and what. */
export interface ImportIssue {
  row: number | null;
  column: string | null;
  key: string;
  params?: Record<string, string | number>;
}

export interface ImportedQuestion {
  row: number;
  input: TQuestionInput;
}

const YES = new Set(['', 'yes', 'y', 'true', '1', 'có', 'x']);
const NO = new Set(['no', 'n', 'false', '0', 'không']);

/** A question as one row of the sheet. */
export function questionToRow(question: {
  code: string;
  kind: QuestionKind;
  prompt: string;
  options: CapacityOption[];
  explanation: string | null;
  active: boolean;
}): Record<(typeof QUESTION_COLUMNS)[number], string> {
  const row = Object.fromEntries(QUESTION_COLUMNS.map((c) => [c, ''])) as Record<
    (typeof QUESTION_COLUMNS)[number],
    string
  >;
  row.code = question.code;
  row.kind = question.kind;
  row.question = question.prompt;
  for (const option of question.options) {
    const column = `option_${option.key}` as (typeof OPTION_COLUMNS)[number];
    if ((OPTION_COLUMNS as readonly string[]).includes(column)) row[column] = option.text;
  }
  row.correct = question.options
    .filter((o) => o.correct)
    .map((o) => o.key)
    .join(', ');
  row.explanation = question.explanation ?? '';
  row.active = question.active ? 'yes' : 'no';
  return row;
}

/** A bank's questions as a workbook the import reads back unchanged. */
export async function questionsToXlsx(questions: Parameters<typeof questionToRow>[0][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MotCua';
  const sheet = workbook.addWorksheet(QUESTIONS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = QUESTION_COLUMNS.map((column) => ({
    header: column,
    key: column,
    width: column === 'question' || column === 'explanation' ? 60 : column.startsWith('option_') ? 30 : 12,
    style: { numFmt: '@', alignment: { vertical: 'top', wrapText: true } },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const question of questions) {
    const row = questionToRow(question);
    sheet.addRow(QUESTION_COLUMNS.map((c) => (row[c] === '' ? null : row[c])));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The zod path of a question problem as the sheet's column. */
function columnOf(path: readonly PropertyKey[], optionColumns: string[]): string | null {
  const [first, second] = path;
  if (first === 'prompt') return 'question';
  if (first === 'options' && typeof second === 'number') return optionColumns[second] ?? 'correct';
  if (first === 'options') return 'correct';
  if (typeof first === 'string') return first;
  return null;
}

/** One row's cells (by column name) as a question, or its problems. */
export function rowToQuestion(
  cells: Record<string, string>,
  row: number,
): { input: TQuestionInput } | { issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const at = (column: string | null, key: string, params?: Record<string, string | number>) =>
    issues.push({ row, column, key, ...(params ? { params } : {}) });
  const value = (column: string) => (cells[column] ?? '').trim();

  const prompt = value('question');
  if (prompt === '') at('question', 'capacity.import.missingQuestion');
  const present = OPTION_COLUMNS.map((column, index) => ({
    key: OPTION_KEYS[index]!,
    column,
    text: value(column),
  })).filter((o) => o.text !== '');
  if (present.length < 2) at('option_b', 'capacity.import.tooFewOptions');
  const correctText = value('correct').toLowerCase();
  const letters = correctText === '' ? [] : correctText.split(/[\s,;]+/).filter(Boolean);
  if (letters.length === 0) at('correct', 'capacity.import.missingAnswer');
  for (const letter of letters)
    if (!present.some((o) => o.key === letter))
      at('correct', 'capacity.import.answerNotAnOption', { letter: letter.slice(0, 5) });
  const kindText = value('kind').toLowerCase();
  let kind: QuestionKind;
  if (kindText === '') kind = new Set(letters).size > 1 ? 'multiple' : 'single';
  else if ((QUESTION_KINDS as readonly string[]).includes(kindText)) kind = kindText as QuestionKind;
  else {
    at('kind', 'capacity.import.kind');
    kind = 'single';
  }
  const activeText = value('active').toLowerCase();
  const active = YES.has(activeText) ? true : NO.has(activeText) ? false : null;
  if (active === null) at('active', 'capacity.import.active');
  if (issues.length > 0) return { issues };

  const chosen = new Set(letters);
  const code = value('code');
  const parsed = ZQuestionInput.safeParse({
    ...(code === '' ? {} : { code }),
    kind,
    prompt,
    options: present.map((o) => ({ text: o.text, correct: chosen.has(o.key) })),
    explanation: value('explanation') || null,
    active,
  });
  if (!parsed.success) {
    const optionColumns = present.map((o) => o.column);
    for (const issue of parsed.error.issues) {
      const params: Record<string, string | number> = {};
      if ('maximum' in issue && typeof issue.maximum === 'number') params.maximum = issue.maximum;
      if ('minimum' in issue && typeof issue.minimum === 'number') params.minimum = issue.minimum;
      at(columnOf(issue.path, optionColumns), issue.message, params);
    }
    return { issues };
  }
  return { input: parsed.data };
}

/**
 * Reads a question workbook: the `questions` sheet (or the first), header in row 1. Returns the
 * questions and every problem: unreadable file, missing columns, bad rows, a code or a question
 * repeated in the file. Duplicates of questions already in the bank are the service's to find.
 */
export async function readQuestionWorkbook(
  bytes: Uint8Array,
): Promise<{ questions: ImportedQuestion[]; issues: ImportIssue[] }> {
  const fail = (key: string, params?: Record<string, string | number>) => ({
    questions: [],
    issues: [{ row: null, column: null, key, ...(params ? { params } : {}) }],
  });
  const unpacked = zipUnpackedSize(bytes);
  if (unpacked === null) return fail('capacity.import.unreadable');
  if (unpacked > MAX_XLSX_UNPACKED_BYTES) return fail('capacity.import.unreadable');
  const workbook = new ExcelJS.Workbook();
  try {
    const copy = bytes.slice().buffer as ArrayBuffer;
    await workbook.xlsx.load(copy as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return fail('capacity.import.unreadable');
  }
  const sheet = workbook.getWorksheet(QUESTIONS_SHEET) ?? workbook.worksheets[0];
  if (!sheet) return fail('capacity.import.noSheet');
  if (sheet.actualRowCount > MAX_IMPORT_ROWS + 1)
    return fail('capacity.import.tooManyRows', { maximum: MAX_IMPORT_ROWS });

  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, column) => {
    header[column - 1] = cellText(cell.value).trim().toLowerCase();
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) return fail('capacity.import.missingColumns', { columns: missing.join(', ') });

  const questions: ImportedQuestion[] = [];
  const issues: ImportIssue[] = [];
  const codes = new Map<string, number>();
  const prompts = new Map<string, number>();
  sheet.eachRow({ includeEmpty: false }, (excelRow, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, string> = {};
    header.forEach((name, index) => {
      if (name) cells[name] = cellText(excelRow.getCell(index + 1).value);
    });
    if (Object.values(cells).every((v) => v.trim() === '')) return;
    const read = rowToQuestion(cells, rowNumber);
    if ('issues' in read) {
      issues.push(...read.issues);
      return;
    }
    const { input } = read;
    if (input.code !== undefined) {
      const first = codes.get(input.code.toLowerCase());
      if (first !== undefined) {
        issues.push({
          row: rowNumber,
          column: 'code',
          key: 'capacity.import.duplicateCode',
          params: { first },
        });
        return;
      }
      codes.set(input.code.toLowerCase(), rowNumber);
    }
    const key = promptKey(input.prompt);
    const first = prompts.get(key);
    if (first !== undefined) {
      issues.push({
        row: rowNumber,
        column: 'question',
        key: 'capacity.import.duplicateQuestion',
        params: { first },
      });
      return;
    }
    prompts.set(key, rowNumber);
    questions.push({ row: rowNumber, input });
  });
  if (questions.length === 0 && issues.length === 0) return fail('capacity.import.empty');
  return { questions, issues };
}

// ------------------------------------------------------------------------------------------------
// Campaign results
// ------------------------------------------------------------------------------------------------

export interface ResultsWorkbook {
  people: {
    username: string;
    fullName: string;
    unitName: string;
    role: string;
    status: string;
    attemptsUsed: number;
    submittedAt: Date | null;
    score: number | null;
    passed: string;
  }[];
  units: {
    name: string;
    candidates: number;
    submitted: number;
    passed: number;
    averageScore: number | null;
  }[];
  topics: { topic: string; answers: number; correct: number; correctRate: number | null }[];
}

/** Three sheets (people, units, topics) with headers in the reader's language. */
export async function resultsToXlsx(
  data: ResultsWorkbook,
  labels: { sheets: [string, string, string]; people: string[]; units: string[]; topics: string[] },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'MotCua';
  const add = (name: string, headers: string[], rows: (string | number | null)[][], widths: number[]) => {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = headers.map((header, index) => ({ header, width: widths[index] ?? 14 }));
    sheet.getRow(1).font = { bold: true };
    for (const row of rows) sheet.addRow(row);
  };
  add(
    labels.sheets[0],
    labels.people,
    data.people.map((p) => [
      p.username,
      p.fullName,
      p.unitName,
      p.role,
      p.status,
      p.attemptsUsed,
      p.submittedAt ? formatDateTime(p.submittedAt) : null,
      p.score,
      p.passed,
    ]),
    [16, 28, 40, 20, 16, 10, 18, 10, 10],
  );
  add(
    labels.sheets[1],
    labels.units,
    data.units.map((u) => [u.name, u.candidates, u.submitted, u.passed, u.averageScore]),
    [48, 12, 12, 12, 14],
  );
  add(
    labels.sheets[2],
    labels.topics,
    data.topics.map((t) => [t.topic, t.answers, t.correct, t.correctRate]),
    [40, 12, 12, 14],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
