import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import {
  createAgency,
  createOffice,
  createProcedure,
  createUnit,
  createUser,
  TEST_PASSWORD,
} from '../../seed/factories.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const EXE = Buffer.from('MZ this is really an executable');
const BOUNDARY = '----motcua-apply-boundary';
const HAS_PDFTOTEXT = spawnSync('which', ['pdftotext']).status === 0;

interface Part {
  name: string;
  value?: string;
  file?: { name: string; bytes: Buffer; type?: string };
}

/** A multipart/form-data body the way a browser sends a form with a file input. */
function multipart(parts: Part[]) {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.file
      ? `form-data; name="${part.name}"; filename="${part.file.name}"\r\nContent-Type: ${part.file.type ?? 'application/octet-stream'}`
      : `form-data; name="${part.name}"`;
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n\r\n`));
    chunks.push(part.file ? part.file.bytes : Buffer.from(part.value ?? ''));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${BOUNDARY}` };
}

// Monday 2 March 2026, 09:00 in Vietnam: inside office hours.
const clock = new FixedClock(new Date('2026-03-02T02:00:00Z'));
let t: TestApp;
let office: Awaited<ReturnType<typeof createOffice>>;
let partial: Awaited<ReturnType<typeof createProcedure>>;
let notOnline: Awaited<ReturnType<typeof createProcedure>>;
let noDocuments: Awaited<ReturnType<typeof createProcedure>>;
let commune: Awaited<ReturnType<typeof createProcedure>>;
let wards: { a: { id: number; code: string }; b: { id: number; code: string } };

interface Session {
  cookie: string;
  token: string;
}
let citizen: Session;
let stranger: Session;

async function signIn(username: string): Promise<Session> {
  const sid = await t.login(username, TEST_PASSWORD);
  return t.csrf('/ho-so', sid);
}

const get = (url: string, session?: Session, headers: Record<string, string> = {}) =>
  t.inject({ method: 'GET', url, headers: { ...(session ? { cookie: session.cookie } : {}), ...headers } });

const post = (url: string, session: Session, fields: Record<string, string> = {}) =>
  t.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: session.token, ...fields }).toString(),
  });

const postMultipart = (url: string, session: Session, parts: Part[]) => {
  const body = multipart(parts);
  return t.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
};

const location = (response: { headers: Record<string, unknown> }) => String(response.headers.location);
const countRows = async (table: 'files' | 'applications' | 'application_drafts') =>
  (
    await t.deps.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

const VALID_DETAILS = {
  'applicant.fullName': 'Nguyễn Văn Dân',
  'applicant.idNumber': '014090001234',
  'applicant.phone': '0912 345 678',
  'applicant.email': '',
  'applicant.address': 'Tiểu khu 4, phường Mộc Lỵ',
  'formData.requestSummary': 'Đề nghị giải quyết thủ tục theo quy định.',
};

/** Starts a draft of a procedure and returns the path of its details step. */
async function startDraft(session: Session, code: string): Promise<string> {
  const started = await post(`/nop-ho-so/${code}`, session);
  expect(started.statusCode, started.body).toBe(303);
  return location(started).replace(/\/thong-tin$/, '');
}

/** A draft taken to its review step: details saved and, when the procedure asks for it, a PDF for g1-1. */
async function draftAtReview(session: Session, code = office.procedure.code) {
  const draft = await startDraft(session, code);
  const saved = await post(`${draft}/thong-tin`, session, VALID_DETAILS);
  expect(saved.statusCode, saved.body).toBe(303);
  if (code !== noDocuments.code) {
    const uploaded = await postMultipart(`${draft}/giay-to/tai-len`, session, [
      { name: '_csrf', value: session.token },
      { name: 'componentId', value: 'g1-1' },
      { name: 'file', file: { name: 'to-khai.pdf', bytes: PDF, type: 'application/pdf' } },
    ]);
    expect(uploaded.statusCode, uploaded.body).toBe(303);
  }
  const continued = await post(`${draft}/giay-to`, session);
  expect(continued.statusCode, continued.body).toBe(303);
  return draft;
}

/** Submits a fresh application through the pages and returns its code. */
async function submitThroughPages(session: Session, code = office.procedure.code): Promise<string> {
  const draft = await draftAtReview(session, code);
  const submitted = await post(`${draft}/kiem-tra`, session);
  expect(submitted.statusCode, submitted.body).toBe(303);
  const match = /^\/ho-so\/([^/]+)\/bien-nhan\?moi=1$/.exec(location(submitted));
  expect(match).not.toBeNull();
  return decodeURIComponent(match![1]!);
}

beforeAll(async () => {
  t = await buildTestApp({ clock, config: { homeUnitCode: '123', publicUrl: 'https://motcua.example.vn' } });
  office = await createOffice(t.deps);
  const department = `Phòng thử ${office.unit.code}`;
  partial = await createProcedure(t.deps, {
    record: { onlineLevel: 'partial', results: ['Giấy chứng nhận số nhà'] },
    agencyNames: [department],
  });
  notOnline = await createProcedure(t.deps, { record: { onlineLevel: 'none' }, agencyNames: [department] });
  noDocuments = await createProcedure(t.deps, { record: { components: [] }, agencyNames: [department] });
  const db = t.deps.database.db;
  const wardA = await createUnit(db, {
    code: '90001',
    name: 'Phường Thử A',
    parentId: office.unit.id,
    typeCode: 'ward',
    hasCounter: true,
  });
  const wardB = await createUnit(db, {
    code: '90002',
    name: 'Xã Thử B',
    parentId: office.unit.id,
    typeCode: 'commune',
    hasCounter: true,
  });
  await createAgency(db, {
    unitId: wardA.id,
    kind: 'peoples_committee',
    name: 'Ủy ban nhân dân Phường Thử A',
    hasCounter: true,
  });
  await createAgency(db, {
    unitId: wardB.id,
    kind: 'peoples_committee',
    name: 'Ủy ban nhân dân Xã Thử B',
    hasCounter: true,
  });
  wards = { a: wardA, b: wardB };
  commune = await createProcedure(t.deps, {
    record: { level: 'commune', components: [] },
    agencyNames: ['Ủy ban nhân dân Phường Thử A', 'Ủy ban nhân dân Xã Thử B'],
  });
  citizen = await signIn(office.staff.citizen.username);
  stranger = await signIn((await createUser(db, { fullName: 'Người lạ' })).username);
});
afterAll(() => t.close());

describe('the online application journey', () => {
  it('sends a signed-out person to sign in and back to the procedure', async () => {
    const response = await get(`/nop-ho-so/${office.procedure.code}`);
    expect(response.statusCode).toBe(303);
    expect(location(response)).toBe(
      `/login?next=${encodeURIComponent(`/nop-ho-so/${office.procedure.code}`)}`,
    );
  });

  it('walks details, documents, review and submission to the receipt, without any script', async () => {
    const start = await get(`/nop-ho-so/${office.procedure.code}`, citizen);
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('Nộp hồ sơ trực tuyến');
    expect(start.body).toContain('Tờ khai');
    const draft = await startDraft(citizen, office.procedure.code);

    const details = await get(`${draft}/thong-tin`, citizen);
    expect(details.statusCode).toBe(200);
    expect(details.body).toContain('Bước 1 trên 3');
    expect(details.body).toContain('value="Nguyễn Văn Dân"'); // from the account
    expect(details.body).toContain('name="formData.requestSummary"');
    expect(details.body).toContain('maxlength="2000"');
    const saved = await post(`${draft}/thong-tin`, citizen, VALID_DETAILS);
    expect(location(saved)).toBe(`${draft}/giay-to`);

    const documents = await get(`${draft}/giay-to`, citizen);
    expect(documents.body).toContain('enctype="multipart/form-data"');
    expect(documents.body).toContain('type="file"');
    expect(documents.body).toContain('Bắt buộc');
    const uploaded = await postMultipart(`${draft}/giay-to/tai-len`, citizen, [
      { name: '_csrf', value: citizen.token },
      { name: 'componentId', value: 'g1-1' },
      { name: 'file', file: { name: 'tờ khai.pdf', bytes: PDF, type: 'application/pdf' } },
    ]);
    expect(uploaded.statusCode).toBe(303);
    const afterUpload = await get(location(uploaded), citizen);
    expect(afterUpload.body).toContain('Đã tải lên tệp tờ khai.pdf.');
    expect(afterUpload.body).toMatch(/href="\/api\/v1\/files\/[0-9a-f-]{36}">tờ khai.pdf<\/a>/);
    expect(location(await post(`${draft}/giay-to`, citizen))).toBe(`${draft}/kiem-tra`);

    const review = await get(`${draft}/kiem-tra`, citizen);
    expect(review.statusCode).toBe(200);
    expect(review.body).toContain('014090001234');
    expect(review.body).toContain('Đề nghị giải quyết thủ tục theo quy định.');
    expect(review.body).toContain('tờ khai.pdf');
    const submitted = await post(`${draft}/kiem-tra`, citizen);
    expect(submitted.statusCode).toBe(303);
    const code = /^\/ho-so\/([^/]+)\/bien-nhan\?moi=1$/.exec(location(submitted))![1]!;
    expect(code).toMatch(/^000\.00\.01\.H14-260302-\d{4}$/);

    const receipt = await get(location(submitted), citizen);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain('Đã nộp hồ sơ thành công');
    expect(receipt.body).toContain('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
    expect(receipt.body).toContain(code);
    expect(receipt.body).toContain(`href="/ho-so/${code}/bien-nhan.pdf"`);
    expect(receipt.body).toContain('Mới đăng ký');

    const application = await t.deps.database.db
      .selectFrom('applications')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(application).toMatchObject({
      status: 1,
      applicant_name: 'Nguyễn Văn Dân',
      applicant_phone: '0912345678',
      channel: 'online',
    });
    expect(application.form_data).toEqual({ requestSummary: 'Đề nghị giải quyết thủ tục theo quy định.' });
    const draftId = draft.split('/').pop()!;
    const left = await t.deps.database.db
      .selectFrom('application_drafts')
      .select('id')
      .where('id', '=', draftId)
      .execute();
    expect(left).toEqual([]);
  });

  it('keeps the draft after each step and resumes it where it was left', async () => {
    const draft = await startDraft(citizen, office.procedure.code);
    const draftId = draft.split('/').pop()!;
    await post(`${draft}/thong-tin`, citizen, { ...VALID_DETAILS, 'applicant.address': 'Bản Áng' });
    const stored = await t.deps.database.db
      .selectFrom('application_drafts')
      .select(['data', 'procedure_code'])
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow();
    expect(stored.procedure_code).toBe(office.procedure.code);
    expect(stored.data).toMatchObject({
      detailsDone: true,
      applicant: { address: 'Bản Áng', idNumber: '014090001234' },
    });

    const mine = await get('/ho-so', citizen);
    expect(mine.body).toContain('Bản nháp');
    expect(mine.body).toContain(`href="${draft}/giay-to"`);
    expect(mine.body).toContain('Đang ở bước tải giấy tờ');
    const resumed = await get(draft, citizen);
    expect(location(resumed)).toBe(`${draft}/giay-to`);
    const details = await get(`${draft}/thong-tin`, citizen);
    expect(details.body).toContain('value="Bản Áng"');
    // The start page offers the draft again.
    expect((await get(`/nop-ho-so/${office.procedure.code}`, citizen)).body).toContain(
      `href="${draft}/giay-to"`,
    );
  });

  it('makes one application however many times the submit button is pressed', async () => {
    const draft = await draftAtReview(citizen);
    const key = `draft-${draft.split('/').pop()}`;
    const [a, b] = await Promise.all([
      post(`${draft}/kiem-tra`, citizen),
      post(`${draft}/kiem-tra`, citizen),
    ]);
    const again = await post(`${draft}/kiem-tra`, citizen);
    expect([a.statusCode, b.statusCode, again.statusCode]).toEqual([303, 303, 303]);
    expect(location(b)).toBe(location(a));
    expect(location(again)).toBe(location(a));
    const rows = await t.deps.database.db
      .selectFrom('applications')
      .select('code')
      .where('idempotency_key', '=', key)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('re-renders the details with a 400, an error summary and each field’s message, saving nothing', async () => {
    const draft = await startDraft(citizen, office.procedure.code);
    const draftId = draft.split('/').pop()!;
    const before = await t.deps.database.db
      .selectFrom('application_drafts')
      .select('data')
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow();
    const response = await post(`${draft}/thong-tin`, citizen, {
      ...VALID_DETAILS,
      'applicant.idNumber': '12345',
      'applicant.phone': '12',
      'applicant.email': 'not-an-email',
      'formData.requestSummary': '',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('class="error-summary"');
    for (const field of [
      'applicant.idNumber',
      'applicant.phone',
      'applicant.email',
      'formData.requestSummary',
    ])
      expect(response.body).toContain(`href="#field-${field}"`);
    expect(response.body).toContain('Số định danh cá nhân gồm 12 chữ số');
    expect(response.body).toContain('Số điện thoại di động gồm 10 chữ số');
    expect(response.body).toContain('aria-invalid="true"');
    expect(response.body).toContain('value="12345"'); // what was typed comes back
    const after = await t.deps.database.db
      .selectFrom('application_drafts')
      .select('data')
      .where('id', '=', draftId)
      .executeTakeFirstOrThrow();
    expect(after.data).toEqual(before.data);
    const english = await t.inject({
      method: 'POST',
      url: `${draft}/thong-tin`,
      headers: {
        cookie: citizen.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'accept-language': 'en',
      },
      payload: new URLSearchParams({
        _csrf: citizen.token,
        ...VALID_DETAILS,
        'applicant.phone': '12',
      }).toString(),
    });
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain('A mobile number has 10 digits and starts with 0');
  });

  it('refuses a file that is not a PDF, JPEG or PNG with a clear message, storing nothing', async () => {
    const draft = await startDraft(citizen, office.procedure.code);
    await post(`${draft}/thong-tin`, citizen, VALID_DETAILS);
    const files = await countRows('files');
    const response = await postMultipart(`${draft}/giay-to/tai-len`, citizen, [
      { name: '_csrf', value: citizen.token },
      { name: 'componentId', value: 'g1-1' },
      { name: 'file', file: { name: 'scan.pdf', bytes: EXE, type: 'application/pdf' } },
    ]);
    expect(response.statusCode).toBe(415);
    expect(response.body).toContain('class="error-summary"');
    expect(response.body).toContain('href="#field-documents.g1-1"');
    expect(response.body).toContain('Chỉ nhận tệp PDF, JPEG hoặc PNG');
    const none = await postMultipart(`${draft}/giay-to/tai-len`, citizen, [
      { name: '_csrf', value: citizen.token },
      { name: 'componentId', value: 'g1-1' },
    ]);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Chọn một tệp để tải lên');
    expect(await countRows('files')).toBe(files);
    const png = await postMultipart(`${draft}/giay-to/tai-len`, citizen, [
      { name: '_csrf', value: citizen.token },
      { name: 'componentId', value: 'g1-1' },
      { name: 'file', file: { name: 'anh.png', bytes: PNG, type: 'image/png' } },
    ]);
    expect(png.statusCode).toBe(303);
  });

  it('refuses a multipart upload without its CSRF token (403) and stores nothing', async () => {
    const draft = await startDraft(citizen, office.procedure.code);
    await post(`${draft}/thong-tin`, citizen, VALID_DETAILS);
    const files = await countRows('files');
    for (const token of [undefined, 'wrong-token']) {
      const response = await postMultipart(`${draft}/giay-to/tai-len`, citizen, [
        ...(token ? [{ name: '_csrf', value: token }] : []),
        { name: 'componentId', value: 'g1-1' },
        { name: 'file', file: { name: 'to-khai.pdf', bytes: PDF, type: 'application/pdf' } },
      ]);
      expect(response.statusCode).toBe(403);
    }
    expect(await countRows('files')).toBe(files);
    const stored = await t.deps.database.db
      .selectFrom('application_drafts')
      .select('data')
      .where('id', '=', draft.split('/').pop()!)
      .executeTakeFirstOrThrow();
    expect((stored.data as { documents: unknown[] }).documents).toEqual([]);
  });

  it('asks for the required documents before the review', async () => {
    const draft = await startDraft(citizen, office.procedure.code);
    await post(`${draft}/thong-tin`, citizen, VALID_DETAILS);
    const response = await post(`${draft}/giay-to`, citizen);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Thiếu giấy tờ bắt buộc: Tờ khai');
    expect(location(await get(`${draft}/kiem-tra`, citizen))).toBe(`${draft}/giay-to`);
  });

  it('says before starting and on the receipt what a partly online procedure needs in person, and where', async () => {
    const start = await get(`/nop-ho-so/${partial.code}`, citizen);
    expect(start.body).toContain('Những việc phải làm trực tiếp');
    expect(start.body).toContain('Bộ phận Một cửa'); // the counter's name
    expect(start.body).toContain('Giấy chứng nhận số nhà');
    const code = await submitThroughPages(citizen, partial.code);
    const receipt = await get(`/ho-so/${code}/bien-nhan`, citizen);
    expect(receipt.body).toContain('Những việc phải làm trực tiếp');
    expect(receipt.body).toContain('Bộ phận Một cửa');
  });

  it('shows where to go for a procedure with no online service, with no form to fill', async () => {
    const page = await get(`/nop-ho-so/${notOnline.code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Thủ tục này chưa nhận hồ sơ trực tuyến');
    expect(page.body).toContain('Bộ phận Một cửa');
    expect(page.body).not.toContain(`action="/nop-ho-so/${notOnline.code}"`);
    const drafts = await countRows('application_drafts');
    const refused = await post(`/nop-ho-so/${notOnline.code}`, citizen);
    expect(refused.statusCode).toBe(422);
    expect(await countRows('application_drafts')).toBe(drafts);
    expect((await get('/nop-ho-so/9.999999', citizen)).statusCode).toBe(404);
    expect((await get('/nop-ho-so/%3Cscript%3E', citizen)).statusCode).toBe(404);
  });

  it('asks a commune-level applicant to choose among the wards and communes that handle the procedure', async () => {
    const draft = await startDraft(citizen, commune.code);
    const details = await get(`${draft}/thong-tin`, citizen);
    expect(details.body).toContain('<select id="field-unitCode" name="unitCode"');
    expect(details.body).toContain(`<option value="${wards.a.code}">Phường Thử A</option>`);
    expect(details.body).toContain(`<option value="${wards.b.code}">Xã Thử B</option>`);
    const missing = await post(`${draft}/thong-tin`, citizen, VALID_DETAILS);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Chọn phường, xã nơi nộp hồ sơ');
    const elsewhere = await post(`${draft}/thong-tin`, citizen, { ...VALID_DETAILS, unitCode: '123' });
    expect(elsewhere.body).toContain('Phường, xã này không giải quyết thủ tục này');
    const chosen = await post(`${draft}/thong-tin`, citizen, { ...VALID_DETAILS, unitCode: wards.b.code });
    expect(chosen.statusCode).toBe(303);
    expect(location(await post(`${draft}/giay-to`, citizen))).toBe(`${draft}/kiem-tra`);
    const review = await get(`${draft}/kiem-tra`, citizen);
    expect(review.body).toContain('Xã Thử B');
    const submitted = await post(`${draft}/kiem-tra`, citizen);
    const code = /^\/ho-so\/([^/]+)\//.exec(location(submitted))![1]!;
    const application = await t.deps.database.db
      .selectFrom('applications')
      .select('receiving_unit_id')
      .where('code', '=', decodeURIComponent(code))
      .executeTakeFirstOrThrow();
    expect(application.receiving_unit_id).toBe(wards.b.id);
  });

  it('lets no one else see, change or submit someone’s draft', async () => {
    const draft = await startDraft(citizen, office.procedure.code);
    expect((await get(`${draft}/thong-tin`, stranger)).statusCode).toBe(404);
    expect((await post(`${draft}/thong-tin`, stranger, VALID_DETAILS)).statusCode).toBe(404);
    expect((await post(`${draft}/kiem-tra`, stranger)).statusCode).toBe(404);
    const wrongProcedure = draft.replace(office.procedure.code, partial.code);
    expect((await get(`${wrongProcedure}/thong-tin`, citizen)).statusCode).toBe(404);
    expect((await get(`/nop-ho-so/${office.procedure.code}/not-a-uuid/thong-tin`, citizen)).statusCode).toBe(
      404,
    );
    const deleted = await post(`/ho-so/ban-nhap/${draft.split('/').pop()}/xoa`, stranger);
    expect(deleted.statusCode).toBe(404);
  });

  it('deletes a draft from Hồ sơ của tôi', async () => {
    const draft = await startDraft(citizen, office.procedure.code);
    const id = draft.split('/').pop()!;
    const response = await post(`/ho-so/ban-nhap/${id}/xoa`, citizen);
    expect(location(response)).toBe('/ho-so?da-xoa=1');
    expect((await get('/ho-so?da-xoa=1', citizen)).body).toContain('Đã xóa bản nháp.');
    expect(
      await t.deps.database.db.selectFrom('application_drafts').select('id').where('id', '=', id).execute(),
    ).toEqual([]);
  });

  it('refuses a form sent without its CSRF token', async () => {
    const response = await t.inject({
      method: 'POST',
      url: `/nop-ho-so/${office.procedure.code}`,
      headers: { cookie: citizen.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('public tracking', () => {
  let code: string;
  beforeAll(async () => {
    code = await submitThroughPages(citizen);
  });

  it('finds an application by its code and the last four digits, and shows no personal data', async () => {
    const response = await get(`/tra-cuu?code=${code}&verify=5678`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Mới đăng ký');
    expect(response.body).toContain('Nộp hồ sơ trực tuyến');
    expect(response.body).toContain(office.procedure.name);
    expect(response.body).not.toContain('Nguyễn Văn Dân');
    expect(response.body).not.toContain('0912345678');
    expect(response.body).not.toContain('014090001234');
    const byIdNumber = await get(`/tra-cuu?code=${code.toLowerCase()}&verify=1234`);
    expect(byIdNumber.statusCode).toBe(200);
  });

  it('fills in the code from the QR link and asks only for the digits', async () => {
    const response = await get(`/tra-cuu?code=${code}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`value="${code}"`);
    expect(response.body).not.toContain('error-summary');
    expect(response.body).toContain('<form method="get" action="/tra-cuu"');
  });

  it('answers a wrong answer exactly like an unknown code', async () => {
    const wrong = await t.inject({
      method: 'GET',
      url: `/tra-cuu?code=${code}&verify=0000`,
      remoteAddress: '10.9.0.1',
    });
    const unknown = await t.inject({
      method: 'GET',
      url: '/tra-cuu?code=000.00.01.H14-260302-9999&verify=0000',
      remoteAddress: '10.9.0.2',
    });
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    const main = (body: string) =>
      /<main[^>]*>([\s\S]*)<\/main>/
        .exec(body)![1]!
        .replace(/value="[^"]*"/g, '')
        .replace(/\s+/g, ' ');
    expect(main(wrong.body)).toEqual(main(unknown.body));
    expect(wrong.body).toContain('Không tìm thấy hồ sơ');
  });

  it('refuses malformed codes and digits with a 400 and an error summary', async () => {
    const response = await get('/tra-cuu?code=%3Cb%3E&verify=12');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#field-code"');
    expect(response.body).toContain('href="#field-verify"');
    expect(response.body).not.toContain('<b>');
    const empty = await get('/tra-cuu?code=&verify=');
    expect(empty.statusCode).toBe(400);
  });

  it('pauses guessing with a translated 429 page', async () => {
    const other = await submitThroughPages(citizen);
    for (let i = 0; i < 10; i++)
      await t.inject({
        method: 'GET',
        url: `/tra-cuu?code=${other}&verify=9${i}99`,
        remoteAddress: `10.8.0.${i}`,
      });
    const blocked = await t.inject({
      method: 'GET',
      url: `/tra-cuu?code=${other}&verify=5678`,
      remoteAddress: '10.7.0.1',
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('60');
    expect(blocked.body).toContain('Tạm khóa tra cứu');
    expect(blocked.body).toContain('Vui lòng thử lại sau 60 giây');
    const english = await t.inject({
      method: 'GET',
      url: `/tra-cuu?code=${other}&verify=5678&lang=en`,
      remoteAddress: '10.7.0.2',
    });
    expect(english.statusCode).toBe(429);
    expect(english.body).toContain('Too many wrong attempts. Please try again in 60 seconds.');
    clock.advance(61_000);
  });
});

describe('Hồ sơ của tôi', () => {
  it('lists only the person’s own applications, ten a page, with links between pages', async () => {
    const owner = await signIn((await createUser(t.deps.database.db, { fullName: 'Lò Văn Mười' })).username);
    const other = await signIn((await createUser(t.deps.database.db)).username);
    for (let i = 0; i < 11; i++) await submitThroughPages(owner, noDocuments.code);
    const othersCode = await submitThroughPages(other, noDocuments.code);
    const first = await get('/ho-so', owner);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('11 hồ sơ');
    expect(first.body.match(/class="result-title"><a href="\/ho-so\//g)).toHaveLength(10);
    expect(first.body).toContain('href="/ho-so?trang=2"');
    expect(first.body).not.toContain(othersCode);
    const second = await get('/ho-so?trang=2', owner);
    expect(second.body.match(/class="result-title"><a href="\/ho-so\//g)).toHaveLength(1);
    expect(second.body).toContain('rel="prev"');
    for (const page of ['0', '-1', 'abc', '99999999999'])
      expect((await get(`/ho-so?trang=${page}`, owner)).statusCode).toBe(200);
    expect(location(await get('/ho-so'))).toBe('/login?next=%2Fho-so');
  });

  it('shows an application’s status, history and documents to its applicant and to no other citizen', async () => {
    const code = await submitThroughPages(citizen);
    const page = await get(`/ho-so/${code}`, citizen);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Mới đăng ký');
    expect(page.body).toContain('Nộp hồ sơ trực tuyến');
    expect(page.body).toContain('Bộ phận Một cửa kiểm tra và tiếp nhận hồ sơ.');
    expect(page.body).toMatch(/href="\/api\/v1\/files\/[0-9a-f-]{36}">to-khai.pdf<\/a>/);
    expect(page.body).toContain('Rút hồ sơ');
    expect((await get(`/ho-so/${code}`, stranger)).statusCode).toBe(404);
    expect((await get(`/ho-so/${code}/bien-nhan`, stranger)).statusCode).toBe(404);
    expect((await get(`/ho-so/${code}/bien-nhan.pdf`, stranger)).statusCode).toBe(404);
    expect((await get('/ho-so/000.00.01.H14-260302-9999', citizen)).statusCode).toBe(404);
    expect((await get('/ho-so/%3Cscript%3E', citizen)).statusCode).toBe(404);
  });

  it('withdraws with the version the applicant saw, and refuses a stale one', async () => {
    const code = await submitThroughPages(citizen);
    const stale = await post(`/ho-so/${code}/rut`, citizen, {
      expectedVersion: '7',
      reason: 'Không cần nữa',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('class="error-summary"');
    const done = await post(`/ho-so/${code}/rut`, citizen, { expectedVersion: '1', reason: 'Không cần nữa' });
    expect(location(done)).toBe(`/ho-so/${code}?da=rut`);
    const page = await get(location(done), citizen);
    expect(page.body).toContain('Đã gửi yêu cầu rút hồ sơ.');
    expect(page.body).toContain('Công dân yêu cầu rút hồ sơ');
    expect(page.body).not.toContain(`action="/ho-so/${code}/rut"`);
    const row = await t.deps.database.db
      .selectFrom('applications')
      .select(['status', 'version'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 7, version: 2 });
    expect((await post(`/ho-so/${code}/rut`, stranger, { expectedVersion: '2' })).statusCode).toBe(404);
  });

  it('takes the supplement asked for, attaches it and leaves receiving it to the officer', async () => {
    const code = await submitThroughPages(citizen);
    const as = async (who: 'counter' | 'head' | 'specialist') =>
      t.login(office.staff[who].username, TEST_PASSWORD);
    let version = 1;
    const act = async (cookie: string, action: string, extra: Record<string, unknown> = {}) => {
      const response = await t.inject({
        method: 'POST',
        url: `/api/v1/applications/${code}/actions`,
        headers: { cookie },
        payload: { action, expectedVersion: version, ...extra },
      });
      expect(response.statusCode, response.body).toBe(200);
      version = response.json().version;
    };
    const counter = await as('counter');
    await act(counter, 'accept');
    await act(counter, 'forward');
    await act(await as('head'), 'assign', { assignee: office.staff.specialist.username });
    await act(await as('specialist'), 'request_supplement', { note: 'Bổ sung bản sao giấy khai sinh.' });

    const page = await get(`/ho-so/${code}`, citizen);
    expect(page.body).toContain('Yêu cầu bổ sung');
    expect(page.body).toContain('Bổ sung bản sao giấy khai sinh.');
    expect(page.body).toContain(`action="/ho-so/${code}/bo-sung"`);
    expect(page.body).toContain(`name="expectedVersion" value="${version}"`);

    const files = await countRows('files');
    const noToken = await postMultipart(`/ho-so/${code}/bo-sung`, citizen, [
      { name: 'expectedVersion', value: String(version) },
      { name: 'files', file: { name: 'khai-sinh.pdf', bytes: PDF, type: 'application/pdf' } },
    ]);
    expect(noToken.statusCode).toBe(403);
    const wrongType = await postMultipart(`/ho-so/${code}/bo-sung`, citizen, [
      { name: '_csrf', value: citizen.token },
      { name: 'expectedVersion', value: String(version) },
      { name: 'files', file: { name: 'khai-sinh.pdf', bytes: EXE } },
    ]);
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.body).toContain('Tệp khai-sinh.pdf: Chỉ nhận tệp PDF, JPEG hoặc PNG');
    const byStranger = await postMultipart(`/ho-so/${code}/bo-sung`, stranger, [
      { name: '_csrf', value: stranger.token },
      { name: 'expectedVersion', value: String(version) },
      { name: 'files', file: { name: 'khai-sinh.pdf', bytes: PDF } },
    ]);
    expect(byStranger.statusCode).toBe(404);
    expect(await countRows('files')).toBe(files);

    const sent = await postMultipart(`/ho-so/${code}/bo-sung`, citizen, [
      { name: '_csrf', value: citizen.token },
      { name: 'expectedVersion', value: String(version) },
      { name: 'note', value: 'Gửi bản sao giấy khai sinh.' },
      { name: 'files', file: { name: 'khai-sinh.pdf', bytes: PDF, type: 'application/pdf' } },
      { name: 'files', file: { name: 'trang-2.png', bytes: PNG, type: 'image/png' } },
    ]);
    expect(sent.statusCode, sent.body).toBe(303);
    expect(location(sent)).toBe(`/ho-so/${code}?da=bo-sung`);
    const db = t.deps.database.db;
    const application = await db
      .selectFrom('applications')
      .select(['id', 'status', 'version'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(application.status).toBe(5);
    expect(application.version).toBe(version + 1);
    const supplements = await db
      .selectFrom('application_documents')
      .select('component_id')
      .where('application_id', '=', application.id)
      .where('purpose', '=', 'supplement')
      .execute();
    expect(supplements).toHaveLength(2);
    const event = await db
      .selectFrom('application_events')
      .selectAll()
      .where('application_id', '=', application.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      action: 'supplement_submitted',
      from_status: 5,
      to_status: 5,
      actor_role: 'citizen',
      note: 'Gửi bản sao giấy khai sinh.',
    });
    const after = await get(location(sent), citizen);
    expect(after.body).toContain('Đã gửi hồ sơ bổ sung.');
    expect(after.body).toContain('Công dân gửi hồ sơ bổ sung');
    expect(after.body).toContain('trang-2.png');

    // A second send with the old version is refused; the officer then receives the supplement.
    const stale = await postMultipart(`/ho-so/${code}/bo-sung`, citizen, [
      { name: '_csrf', value: citizen.token },
      { name: 'expectedVersion', value: String(version) },
      { name: 'files', file: { name: 'lan-2.pdf', bytes: PDF } },
    ]);
    expect(stale.statusCode).toBe(409);
    version = application.version;
    await act(counter, 'receive_supplement');
    const back = await get(`/ho-so/${code}`, citizen);
    expect(back.body).toContain('Đang xử lý');
    expect(back.body).not.toContain(`action="/ho-so/${code}/bo-sung"`);
    const late = await postMultipart(`/ho-so/${code}/bo-sung`, citizen, [
      { name: '_csrf', value: citizen.token },
      { name: 'expectedVersion', value: String(version) },
      { name: 'files', file: { name: 'muon.pdf', bytes: PDF } },
    ]);
    expect(late.statusCode).toBe(409);
  });
});

describe('the receipt as PDF', () => {
  it('is an A4 PDF in Noto Sans whose Vietnamese text extracts as written, with the tracking link', async () => {
    const code = await submitThroughPages(citizen);
    const response = await get(`/ho-so/${code}/bien-nhan.pdf`, citizen);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const bytes = response.rawPayload;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans/);
    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(raw).toContain(`https://motcua.example.vn/tra-cuu?code=${code}`);
    if (!HAS_PDFTOTEXT) return; // poppler-utils not installed: the text check needs it
    const dir = mkdtempSync(join(tmpdir(), 'receipt-'));
    try {
      writeFileSync(join(dir, 'receipt.pdf'), bytes);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'receipt.pdf'), '-'], {
        encoding: 'utf8',
      }).normalize('NFC');
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
      expect(text).toContain(`Mã hồ sơ: ${code}`);
      expect(text).toContain('Nguyễn Văn Dân');
      expect(text).toContain(office.procedure.name);
      expect(text).toContain('Tờ khai');
      // Letters with a dot below extract as themselves, and plain letters stay plain.
      expect(text).toContain('quy định');
      expect(text).toContain('Cổng dịch vụ công');
      expect(text).toContain(`https://motcua.example.vn/tra-cuu?code=${code}`);
      expect(text).toContain(`Đơn vị ${office.unit.code}, ngày 02 tháng 03 năm 2026`);
      expect(text).toMatch(/02\/03\/2026 \d\d:\d\d/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('needs a signed-in applicant', async () => {
    const code = await submitThroughPages(citizen);
    expect(location(await get(`/ho-so/${code}/bien-nhan.pdf`))).toBe(
      `/login?next=${encodeURIComponent(`/ho-so/${code}/bien-nhan`)}`,
    );
  });
});
