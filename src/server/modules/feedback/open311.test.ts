// Walks the GeoReport v2 spec's examples (http://wiki.open311.org/GeoReport_v2) against /open311, in
// JSON and in XML: discovery, services, a service definition, POST a request (the spec's form-encoded
// example, with this deployment's service and jurisdiction), GET requests and one request, errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { FixedClock } from '../../../shared/clock.js';
import { createOffice, createUser, TEST_PASSWORD } from '../../seed/factories.js';
import { updateUnitDetails } from '../units/units.repository.js';

// Monday 2 March 2026, 09:00 in Vietnam.
const START = new Date('2026-03-02T02:00:00Z');
const clock = new FixedClock(START);
const UNIT_ADDRESS = 'Số 1 đường Tô Hiệu, thị xã Thử';

let t: TestApp;
let office: Awaited<ReturnType<typeof createOffice>>;
let head: string;

// ---- a small XML reader: checks the document is well formed and turns it into values -------------

interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

const unescapeXml = (text: string) =>
  text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');

/** Parses the elements of a document without attributes (what the API writes); throws if malformed. */
function parseXml(xml: string): XmlNode {
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
  const tokens = xml.replace(/^<\?xml[^>]*\?>\s*/, '').match(/<\/?[a-z_]+\/?>|[^<]+/g) ?? [];
  const stack: XmlNode[] = [{ name: '#document', children: [], text: '' }];
  for (const token of tokens) {
    const top = stack.at(-1)!;
    if (token.startsWith('</')) {
      const name = token.slice(2, -1);
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
    } else if (token.startsWith('<')) {
      const selfClosing = token.endsWith('/>');
      const node = { name: token.slice(1, selfClosing ? -2 : -1), children: [], text: '' };
      top.children.push(node);
      if (!selfClosing) stack.push(node);
    } else if (token.includes('<') || token.includes('>')) {
      throw new Error(`unescaped markup in ${token}`);
    } else {
      top.text += unescapeXml(token);
    }
  }
  if (stack.length !== 1 || stack[0]!.children.length !== 1) throw new Error('not one root element');
  return stack[0]!.children[0]!;
}

// Elements that are items of a list, as the spec writes them.
const LIST_ITEMS = new Set(['service', 'attribute', 'value', 'request', 'error', 'endpoint', 'format']);

/** The value of an element: its text, a list of its items, or a record of its fields. */
function xmlValue(node: XmlNode): unknown {
  if (node.children.length === 0)
    return node.text.trim() === '' && !LIST_ITEMS.has(node.name) ? null : node.text.trim();
  if (node.children.every((c) => LIST_ITEMS.has(c.name))) return node.children.map(xmlValue);
  return Object.fromEntries(node.children.map((c) => [c.name, xmlValue(c)]));
}

/** JSON values as XML carries them: every scalar written out, nulls as empty elements. */
function asXmlText(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(asXmlText);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asXmlText(v)]));
  return String(value);
}

// ---- helpers ---------------------------------------------------------------------------------------

const get = (url: string, lang?: string) =>
  t.inject({ method: 'GET', url, headers: lang ? { 'accept-language': lang } : {} });

let senders = 0;
const postForm = (url: string, form: string, lang?: string) =>
  t.inject({
    method: 'POST',
    url,
    remoteAddress: `10.1.0.${++senders}`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(lang ? { 'accept-language': lang } : {}),
    },
    payload: form,
  });

const items = async () =>
  Number(
    (
      await t.deps.database.db
        .selectFrom('feedback_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const row = (code: string) =>
  t.deps.database.db
    .selectFrom('feedback_items')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await buildTestApp({ clock, config: { homeUnitCode: '123', publicUrl: 'https://motcua.example' } });
  office = await createOffice(t.deps, { unitCode: '123' });
  await updateUnitDetails(t.deps.database.db, office.unit.id, { address: UNIT_ADDRESS });
  const user = await createUser(t.deps.database.db, {
    role: 'unit_head',
    unitId: office.unit.id,
    agencyId: office.department.id,
  });
  head = await t.login(user.username, TEST_PASSWORD);
});
afterAll(() => t.close());

describe('Open311 GeoReport v2: discovery and services', () => {
  it('publishes a discovery document pointing at the v2 endpoint, in JSON and XML', async () => {
    const response = await get('/open311/discovery.json');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const discovery = response.json();
    expect(discovery).toMatchObject({
      changeset: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      contact: expect.stringContaining('1800'),
      key_service: expect.any(String),
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: 'https://motcua.example/open311/v2',
          type: 'production',
          formats: ['application/json', 'text/xml'],
        },
      ],
    });
    const xml = await get('/open311/discovery.xml');
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    const root = parseXml(xml.body);
    expect(root.name).toBe('discovery');
    expect(xmlValue(root)).toEqual(asXmlText(discovery));
  });

  it('lists one service per subject with the spec’s fields, the same in JSON and XML', async () => {
    const services = (await get('/open311/v2/services.json')).json();
    expect(services.map((s: { service_code: string }) => s.service_code)).toEqual([
      'procedure',
      'officer',
      'unit',
      'other',
    ]);
    for (const service of services) {
      expect(Object.keys(service)).toEqual([
        'service_code',
        'service_name',
        'description',
        'metadata',
        'type',
        'keywords',
        'group',
      ]);
      expect(service).toMatchObject({ metadata: true, type: 'realtime', group: 'Phản ánh, kiến nghị' });
    }
    const root = parseXml((await get('/open311/v2/services.xml')).body);
    expect(root.name).toBe('services');
    expect(root.children.every((c) => c.name === 'service')).toBe(true);
    expect(xmlValue(root)).toEqual(asXmlText(services));
    // Names in the asker's language.
    const english = (await get('/open311/v2/services.json', 'en')).json();
    expect(english[0].service_name).toBe('Feedback about an administrative procedure');
    // The jurisdiction, when named, is the deploying unit.
    expect((await get('/open311/v2/services.json?jurisdiction_id=123')).statusCode).toBe(200);
    const elsewhere = await get('/open311/v2/services.json?jurisdiction_id=city.gov');
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json()).toEqual([
      {
        code: 404,
        description:
          'jurisdiction_id: Không phục vụ jurisdiction_id này; dùng mã đơn vị triển khai hoặc bỏ trống',
      },
    ]);
  });

  it('defines each service’s attributes like the spec’s example, in JSON and XML', async () => {
    const definition = (await get('/open311/v2/services/procedure.json')).json();
    expect(definition.service_code).toBe('procedure');
    expect(definition.attributes.map((a: { code: string }) => a.code)).toEqual([
      'kind',
      'unit',
      'procedure_code',
      'publish',
    ]);
    expect(definition.attributes[0]).toEqual({
      variable: true,
      code: 'kind',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: null,
      order: 1,
      description: expect.any(String),
      values: [
        { key: 'complaint', name: 'Phản ánh' },
        { key: 'recommendation', name: 'Kiến nghị' },
      ],
    });
    expect(definition.attributes[1].values).toContainEqual({ key: '123', name: expect.any(String) });
    expect(definition.attributes[2]).toMatchObject({ datatype: 'string', required: true, order: 3 });
    const officer = (await get('/open311/v2/services/officer.json')).json();
    expect(officer.attributes.map((a: { code: string }) => a.code)).toContain('officer_name');
    const root = parseXml((await get('/open311/v2/services/procedure.xml')).body);
    expect(root.name).toBe('service_definition');
    expect(root.children.map((c) => c.name)).toEqual(['service_code', 'attributes']);
    expect(xmlValue(root)).toEqual(asXmlText(definition));
  });

  it('answers an unknown service code with the spec’s error list, in JSON and XML', async () => {
    const response = await get('/open311/v2/services/DMV66.json');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual([
      {
        code: 404,
        description: 'service_code: Không có dịch vụ mang mã "DMV66"; xem danh sách ở GET services',
      },
    ]);
    const xml = await get('/open311/v2/services/DMV66.xml', 'en');
    expect(xml.statusCode).toBe(404);
    const root = parseXml(xml.body);
    expect(root.name).toBe('errors');
    expect(xmlValue(root)).toEqual([
      {
        code: '404',
        description: 'service_code: There is no service with the code "DMV66"; see GET services',
      },
    ]);
  });
});

describe('Open311 GeoReport v2: service requests', () => {
  let example: string;
  let unlocated: string;

  it('takes the spec’s form-encoded example (with this deployment’s service) and answers its id and a notice', async () => {
    // The spec's example POST, with service_code and jurisdiction_id of this deployment, the
    // procedure the feedback is about, and the consent to publish.
    const form = [
      'api_key=xyz',
      'jurisdiction_id=123',
      'service_code=procedure',
      'lat=37.76524078',
      'long=-122.4212043',
      'address_string=1234+5th+street',
      'email=smit222%40sfgov.edu',
      'device_id=tt222111',
      'account_id=123456',
      'first_name=john',
      'last_name=smith',
      'phone=111111111',
      'description=A+large+sinkhole+is+destroying+the+street',
      'media_url=http%3A%2F%2Fcity.gov%2Fimage.png',
      `attribute[procedure_code]=${encodeURIComponent(office.procedure.code)}`,
      'attribute[kind]=complaint',
      'attribute[publish]=true',
    ].join('&');
    const response = await postForm('/open311/v2/requests.json', form);
    expect(response.statusCode, response.body).toBe(200);
    const created = response.json();
    expect(created).toEqual([
      {
        service_request_id: 'PA-260302-0001',
        service_notice: expect.stringMatching(
          /trước 16\/03\/2026 17:30\. Mã tra cứu để xem câu trả lời: [A-Z2-9]{4}-[A-Z2-9]{4}$/,
        ),
        account_id: null,
      },
    ]);
    example = created[0].service_request_id;
    expect(await row(example)).toMatchObject({
      channel: 'open311',
      subject_type: 'procedure',
      procedure_code: office.procedure.code,
      kind: 'complaint',
      body: 'A large sinkhole is destroying the street',
      lat: 37.76524078,
      long: -122.4212043,
      address: '1234 5th street',
      media_url: 'http://city.gov/image.png',
      sender_name: 'smith john',
      sender_email: 'smit222@sfgov.edu',
      sender_phone: '111111111',
      publish_consent: true,
      unit_id: office.unit.id,
    });
  });

  it('accepts a request without a location (the responsible unit’s address stands in), answering in XML', async () => {
    const response = await postForm(
      '/open311/v2/requests.xml',
      'service_code=unit&description=Kh%C3%B4ng+ni%C3%AAm+y%E1%BA%BFt+s%E1%BB%91+%C4%91%C6%B0%E1%BB%9Dng+d%C3%A2y+n%C3%B3ng.',
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
    const root = parseXml(response.body);
    expect(root.name).toBe('service_requests');
    const [request] = xmlValue(root) as {
      service_request_id: string;
      service_notice: string;
      account_id: null;
    }[];
    expect(request).toMatchObject({ service_request_id: 'PA-260302-0002', account_id: null });
    unlocated = request!.service_request_id;
    const one = (await get(`/open311/v2/requests/${unlocated}.json`)).json();
    expect(one).toEqual([
      {
        service_request_id: unlocated,
        status: 'open',
        status_notes: 'Đã tiếp nhận, đang chuyển đến đơn vị có thẩm quyền.',
        service_name: 'Phản ánh, kiến nghị về cơ quan, đơn vị',
        service_code: 'unit',
        // Not published (no answer, no consent): the texts stay private.
        description: null,
        agency_responsible: expect.any(String),
        service_notice: 'Hạn trả lời: 16/03/2026 17:30',
        requested_datetime: '2026-03-02T09:00:00+07:00',
        updated_datetime: '2026-03-02T09:00:00+07:00',
        expected_datetime: '2026-03-16T17:30:00+07:00',
        address: UNIT_ADDRESS,
        address_id: null,
        zipcode: null,
        lat: null,
        long: null,
        media_url: null,
      },
    ]);
    const xml = parseXml((await get(`/open311/v2/requests/${unlocated}.xml`)).body);
    expect(xml.name).toBe('service_requests');
    expect(xmlValue(xml)).toEqual(asXmlText(one));
  });

  it('takes a JSON body with the same keys, attributes as an object', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      remoteAddress: '10.1.1.1',
      payload: {
        service_code: 'other',
        description: 'Đề nghị nhắn tin nhắc lịch hẹn trả kết quả.',
        attribute: { kind: 'recommendation', unit: '123' },
        lat: 20.84,
        long: 104.63,
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(await row(response.json()[0].service_request_id)).toMatchObject({
      kind: 'recommendation',
      subject_type: 'other',
      lat: 20.84,
      long: 104.63,
    });
  });

  it('lists requests by date, status, service and ids; texts and location only once the answer is published', async () => {
    const window = 'start_date=2026-03-01T00:00:00%2B07:00&end_date=2026-03-03T00:00:00Z';
    const open = (await get(`/open311/v2/requests.json?${window}&status=open`)).json();
    expect(open.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([
      'PA-260302-0003',
      unlocated,
      example,
    ]);
    expect((await get(`/open311/v2/requests.json?${window}&status=closed`)).json()).toEqual([]);
    // The head answers the example (whose sender agreed) and the unlocated one (whose sender did not).
    for (const code of [example, unlocated]) {
      const version = (await row(code)).version;
      const answered = await t.inject({
        method: 'POST',
        url: `/api/v1/staff/feedback/${code}/answer`,
        headers: { cookie: head },
        payload: { expectedVersion: version, answer: 'Đã kiểm tra và xử lý xong.', upheld: true },
      });
      expect(answered.statusCode, answered.body).toBe(200);
    }
    const closed = (await get(`/open311/v2/requests.json?${window}&status=closed`)).json();
    expect(closed.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([
      unlocated,
      example,
    ]);
    const [hidden, published] = closed;
    expect(published).toMatchObject({
      status: 'closed',
      status_notes: 'Đã kiểm tra và xử lý xong.',
      description: 'A large sinkhole is destroying the street',
      address: '1234 5th street',
      lat: 37.76524078,
      long: -122.4212043,
      media_url: 'http://city.gov/image.png',
      service_notice: null,
    });
    expect(hidden).toMatchObject({
      status: 'closed',
      status_notes: 'Đã trả lời người gửi.',
      description: null,
      address: UNIT_ADDRESS,
    });
    const procedures = (
      await get(`/open311/v2/requests.json?${window}&service_code=procedure,officer`)
    ).json();
    expect(procedures.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([example]);
    // With ids, the other filters are ignored; ids that cannot be ours are simply not found.
    const byIds = (
      await get(
        `/open311/v2/requests.json?service_request_id=${example},nonsense,${unlocated.toLowerCase()}&status=open`,
      )
    ).json();
    expect(byIds.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([
      unlocated,
      example,
    ]);
    // The default window: the last 90 days.
    expect((await get('/open311/v2/requests.json')).json()).toHaveLength(3);
    clock.set(new Date('2026-07-01T02:00:00Z'));
    expect((await get('/open311/v2/requests.json')).json()).toEqual([]);
    clock.set(START);
    const xml = parseXml((await get(`/open311/v2/requests.xml?${window}&status=closed`)).body);
    expect(xml.name).toBe('service_requests');
    expect(xmlValue(xml)).toEqual(asXmlText(closed));
  });
});

describe('Open311 GeoReport v2 in the OpenAPI document', () => {
  it('documents every route, JSON and XML, so API clients and the fuzzer find them', async () => {
    const response = await get('/docs/json');
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    for (const format of ['json', 'xml'])
      expect(paths).toEqual(
        expect.arrayContaining([
          `/open311/discovery.${format}`,
          `/open311/v2/services.${format}`,
          `/open311/v2/services/{service_code}.${format}`,
          `/open311/v2/requests.${format}`,
          `/open311/v2/requests/{service_request_id}.${format}`,
        ]),
      );
    const post = response.json().paths['/open311/v2/requests.json'].post;
    expect(Object.keys(post.requestBody.content)).toEqual([
      'application/x-www-form-urlencoded',
      'application/json',
    ]);
  });
});

describe('Open311 GeoReport v2: bad requests', () => {
  const cases: [string, string, number, string][] = [
    [
      'no service_code',
      'description=Thi%E1%BA%BFu+m%C3%A3+d%E1%BB%8Bch+v%E1%BB%A5',
      400,
      'service_code: Cần có service_code',
    ],
    [
      'an unknown service_code',
      'service_code=001&description=Cans+left+out+24x7',
      404,
      'service_code: Không có dịch vụ mang mã "001"',
    ],
    ['no description', 'service_code=unit', 400, 'description: Nhập nội dung'],
    [
      'a description over 4000 characters',
      `service_code=unit&description=${'a'.repeat(4001)}`,
      400,
      'description: Không được quá 4000 ký tự',
    ],
    [
      'a description too short',
      'service_code=unit&description=ng%E1%BA%AFn',
      400,
      'description: Nội dung cần ít nhất 10 ký tự',
    ],
    [
      'an unknown attribute',
      'service_code=unit&description=M%E1%BB%99t+n%E1%BB%99i+dung+%C4%91%E1%BB%A7+d%C3%A0i&attribute[WHISHETN]=123',
      400,
      'attribute[WHISHETN]: Dịch vụ này không có thuộc tính "WHISHETN"',
    ],
    [
      'a kind out of the list',
      'service_code=unit&description=M%E1%BB%99t+n%E1%BB%99i+dung+%C4%91%E1%BB%A7+d%C3%A0i&attribute[kind]=praise',
      400,
      'attribute[kind]: Chọn phản ánh hoặc kiến nghị',
    ],
    [
      'an unknown unit',
      'service_code=unit&description=M%E1%BB%99t+n%E1%BB%99i+dung+%C4%91%E1%BB%A7+d%C3%A0i&attribute[unit]=99999',
      400,
      'attribute[unit]: Chọn một đơn vị trong danh sách',
    ],
    [
      'a procedure service without its code',
      'service_code=procedure&description=M%E1%BB%99t+n%E1%BB%99i+dung+%C4%91%E1%BB%A7+d%C3%A0i',
      400,
      'attribute[procedure_code]: Nhập mã thủ tục',
    ],
    [
      'an unknown procedure',
      'service_code=procedure&description=M%E1%BB%99t+n%E1%BB%99i+dung+%C4%91%E1%BB%A7+d%C3%A0i&attribute[procedure_code]=9.999999',
      400,
      'attribute[procedure_code]: Không có thủ tục nào với mã này',
    ],
    [
      'lat without long',
      'service_code=unit&description=M%E1%BB%99t+n%E1%BB%99i+dung+%C4%91%E1%BB%A7+d%C3%A0i&lat=21.0',
      400,
      'long: Cần cả lat và long',
    ],
    [
      'a latitude out of range',
      'service_code=unit&description=M%E1%BB%99t+n%E1%BB%99i+dung+%C4%91%E1%BB%A7+d%C3%A0i&lat=91&long=10',
      400,
      'lat: Tọa độ phải là số thập phân',
    ],
    [
      'a script as media_url',
      'service_code=unit&description=M%E1%BB%99t+n%E1%BB%99i+dung+%C4%91%E1%BB%A7+d%C3%A0i&media_url=javascript:alert(1)',
      400,
      'media_url: media_url phải là đường dẫn http hoặc https',
    ],
    [
      'a bad e-mail',
      'service_code=unit&description=M%E1%BB%99t+n%E1%BB%99i+dung+%C4%91%E1%BB%A7+d%C3%A0i&email=smit222',
      400,
      'email: Địa chỉ thư điện tử không hợp lệ',
    ],
    [
      'a bad phone',
      'service_code=unit&description=M%E1%BB%99t+n%E1%BB%99i+dung+%C4%91%E1%BB%A7+d%C3%A0i&phone=g%E1%BB%8Di+t%C3%B4i',
      400,
      'phone: Nhập số di động',
    ],
    [
      'another jurisdiction',
      'jurisdiction_id=city.gov&service_code=unit&description=M%E1%BB%99t+n%E1%BB%99i+dung+%C4%91%E1%BB%A7+d%C3%A0i',
      404,
      'jurisdiction_id: Không phục vụ jurisdiction_id này',
    ],
    [
      'two values for one attribute',
      'service_code=unit&description=M%E1%BB%99t+n%E1%BB%99i+dung+%C4%91%E1%BB%A7+d%C3%A0i&attribute[kind][]=complaint&attribute[kind][]=recommendation',
      400,
      'attribute[kind]: Thuộc tính này nhận một giá trị',
    ],
  ];
  for (const [what, form, status, description] of cases) {
    it(`refuses ${what} in the spec’s error format (JSON and XML), storing nothing`, async () => {
      const before = await items();
      const response = await postForm('/open311/v2/requests.json', form);
      expect(response.statusCode, response.body).toBe(status);
      const errors = response.json();
      expect(errors).toHaveLength(1);
      expect(errors[0].code).toBe(status);
      expect(errors[0].description).toContain(description);
      const xml = await postForm('/open311/v2/requests.xml', form);
      expect(xml.statusCode).toBe(status);
      expect(xmlValue(parseXml(xml.body))).toEqual(asXmlText(errors));
      expect(await items()).toBe(before);
    });
  }

  it('says what is wrong in English when asked', async () => {
    const response = await postForm('/open311/v2/requests.json', 'service_code=unit', 'en');
    expect(response.json()).toEqual([{ code: 400, description: 'description: Enter the text' }]);
  });

  it('refuses a body of another type, a malformed JSON body and unknown addresses in the spec’s format', async () => {
    const plain = await t.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'text/plain' },
      payload: 'service_code=unit',
    });
    expect(plain.statusCode).toBe(415);
    expect(plain.json()).toEqual([{ code: 415, description: 'Định dạng nội dung không được hỗ trợ.' }]);
    const broken = await t.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      headers: { 'content-type': 'application/json' },
      payload: '{"service_code":',
    });
    expect(broken.statusCode).toBe(400);
    expect(parseXml(broken.body).name).toBe('errors');
    const typed = await t.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { service_code: 'unit', description: ['một', 'mảng'] },
    });
    expect(typed.statusCode).toBe(400);
    expect(typed.json()[0].description).toMatch(/^description: /);
    const nowhere = await get('/open311/v2/nothing.json');
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json()).toEqual([
      { code: 404, description: 'Không tìm thấy trang hoặc tài nguyên được yêu cầu.' },
    ]);
    expect(parseXml((await get('/open311/v2/nothing.xml')).body).name).toBe('errors');
  });

  it('refuses bad filters of GET requests and unknown ids', async () => {
    const checks: [string, number, string][] = [
      ['/open311/v2/requests.json?status=pending', 400, 'status: status nhận open, closed'],
      ['/open311/v2/requests.json?start_date=yesterday', 400, 'start_date: Ngày giờ theo định dạng W3C'],
      [
        '/open311/v2/requests.json?start_date=2026-03-05&end_date=2026-03-01',
        400,
        'end_date: end_date phải sau start_date',
      ],
      ['/open311/v2/requests.json?service_code=DMV66', 404, 'service_code: Không có dịch vụ mang mã "DMV66"'],
      [
        '/open311/v2/requests/PA-260302-9999.json',
        404,
        'service_request_id: Không có yêu cầu nào với mã này',
      ],
      ['/open311/v2/requests/638344.xml', 404, 'service_request_id: Không có yêu cầu nào với mã này'],
    ];
    for (const [url, status, description] of checks) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(status);
      const errors = url.includes('.xml') ? xmlValue(parseXml(response.body)) : response.json();
      expect(errors).toEqual([
        {
          code: url.includes('.xml') ? String(status) : status,
          description: expect.stringContaining(description),
        },
      ]);
    }
  });
});
