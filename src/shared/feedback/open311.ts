// The Open311 GeoReport v2 face of feedback (http://wiki.open311.org/GeoReport_v2): the spec's field
// names, one schema per document, used by the routes (and so the OpenAPI document). The XML variants
// carry the same fields under the spec's roots (<services>, <service_definition>, <service_requests>,
// <errors>, <discovery>).
import { z } from 'zod';
import { FEEDBACK_BODY_MAX, type FeedbackSubject } from './schema.js';

export const OPEN311_SPEC_URL = 'http://wiki.open311.org/GeoReport_v2';
export const OPEN311_BASE = '/open311/v2';
export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];
/** Requests returned by one GET requests call at most, and the default window (the spec's advice). */
export const OPEN311_MAX_REQUESTS = 1000;
export const OPEN311_DEFAULT_DAYS = 90;

/** One service per subject a feedback can be about. */
export const OPEN311_SERVICES = [
  'procedure',
  'officer',
  'unit',
  'other',
] as const satisfies readonly FeedbackSubject[];

/** The attributes of a service definition, by code; `values` of `unit` are the units of the deployment. */
export const OPEN311_ATTRIBUTES = ['kind', 'unit', 'procedure_code', 'officer_name', 'publish'] as const;
export type Open311AttributeCode = (typeof OPEN311_ATTRIBUTES)[number];

export const ZOpen311Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});
export type TOpen311Service = z.output<typeof ZOpen311Service>;

export const ZOpen311Attribute = z.object({
  variable: z.boolean(),
  code: z.string(),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean(),
  datatype_description: z.string().nullable(),
  order: z.number().int(),
  description: z.string(),
  values: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
});
export type TOpen311Attribute = z.output<typeof ZOpen311Attribute>;

export const ZOpen311ServiceDefinition = z.object({
  service_code: z.string(),
  attributes: z.array(ZOpen311Attribute),
});
export type TOpen311ServiceDefinition = z.output<typeof ZOpen311ServiceDefinition>;

export const ZOpen311Request = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string().nullable(),
  agency_responsible: z.string(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
});
export type TOpen311Request = z.output<typeof ZOpen311Request>;

export const ZOpen311Created = z.object({
  service_request_id: z.string(),
  service_notice: z.string(),
  account_id: z.string().nullable(),
});
export type TOpen311Created = z.output<typeof ZOpen311Created>;

export const ZOpen311Error = z.object({ code: z.number().int(), description: z.string() });
export type TOpen311Error = z.output<typeof ZOpen311Error>;
export const ZOpen311Errors = z.array(ZOpen311Error);

export const ZOpen311Discovery = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({
      specification: z.string(),
      url: z.string(),
      changeset: z.string(),
      type: z.enum(['production', 'test']),
      formats: z.array(z.string()),
    }),
  ),
});
export type TOpen311Discovery = z.output<typeof ZOpen311Discovery>;

const optionalText = (max: number, description: string) =>
  z.string().max(max).optional().meta({ description });

/**
 * POST requests: the spec sends it form-encoded (application/x-www-form-urlencoded), with attributes as
 * `attribute[code]=value`; a JSON object with the same keys (or `attribute` as an object) is accepted
 * too. The fields are checked by the service, so that each problem gets the spec's error format.
 */
export const ZOpen311PostBody = z
  .looseObject({
    api_key: optionalText(200, 'Accepted and not required: anyone may send feedback, as on the web form.'),
    jurisdiction_id: optionalText(40, 'The deploying unit’s administrative code; optional.'),
    service_code: z.string().max(40).meta({ description: 'One of the codes of GET services.' }),
    lat: z
      .union([z.string().max(40), z.number()])
      .optional()
      .meta({ description: 'Latitude (WGS84).' }),
    long: z
      .union([z.string().max(40), z.number()])
      .optional()
      .meta({ description: 'Longitude (WGS84).' }),
    address_string: optionalText(250, 'Where the problem is, in words.'),
    address_id: optionalText(100, 'The client’s own address id.'),
    email: optionalText(200, 'The sender’s e-mail: the answer is sent there.'),
    device_id: optionalText(200, 'Not kept.'),
    account_id: optionalText(200, 'Not kept.'),
    first_name: optionalText(100, 'Given name.'),
    last_name: optionalText(100, 'Family name (written first, as in Vietnamese).'),
    phone: optionalText(30, 'Contact number.'),
    description: z
      .string()
      .max(FEEDBACK_BODY_MAX + 1000)
      .meta({ description: `The feedback itself, 10 to ${FEEDBACK_BODY_MAX} characters.` }),
    media_url: optionalText(500, 'A link to a photo or document (http or https).'),
  })
  .partial()
  .meta({
    description:
      'Attributes of the service definition as attribute[kind]=complaint|recommendation, attribute[unit]=<unit code>, attribute[procedure_code], attribute[officer_name], attribute[publish]=true|false.',
  });

export const ZOpen311ListQuery = z.object({
  jurisdiction_id: z.string().max(40).optional(),
  service_request_id: z
    .string()
    .max(2000)
    .optional()
    .meta({ description: 'One or more ids, comma-separated; the other filters are then ignored.' }),
  service_code: z.string().max(400).optional().meta({ description: 'One or more codes, comma-separated.' }),
  start_date: z
    .string()
    .max(40)
    .optional()
    .meta({ description: 'W3C date-time, e.g. 2026-03-01T00:00:00+07:00.' }),
  end_date: z.string().max(40).optional(),
  status: z.string().max(40).optional().meta({ description: 'open, closed, or both comma-separated.' }),
});

export const ZOpen311JurisdictionQuery = z.object({ jurisdiction_id: z.string().max(40).optional() });
