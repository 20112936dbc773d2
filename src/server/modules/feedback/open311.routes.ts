// Open311 GeoReport v2 under /open311 (registered with that prefix): the discovery document and the
// v2 endpoint's services, service definitions and requests, each as .json and .xml. Errors take the
// spec's form, a list of { code, description } (<errors><error>… in XML), translated, for every
// problem here, including unknown addresses under /open311.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.js';
import {
  OPEN311_FORMATS,
  type Open311Format,
  type TOpen311Error,
  ZOpen311Created,
  ZOpen311Discovery,
  ZOpen311Errors,
  ZOpen311JurisdictionQuery,
  ZOpen311ListQuery,
  ZOpen311PostBody,
  ZOpen311Request,
  ZOpen311Service,
  ZOpen311ServiceDefinition,
} from '../../../shared/feedback/open311.js';
import type { MessageParams } from '../../../shared/i18n/index.js';
import { toAppError } from '../../plugins/errors.js';
import {
  checkJurisdiction,
  createOpen311Request,
  getOpen311Request,
  listOpen311Requests,
  open311Discovery,
  open311ServiceDefinition,
  open311Services,
} from './open311.service.js';
import { type XmlValue, xmlDocument, xmlList } from './open311.xml.js';

const TAGS = ['open311'];
/** The request's translator, bound to it (services call it as a plain function). */
const tr = (request: FastifyRequest) => (key: string, params?: MessageParams) => request.t(key, params);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'application/json'];
const formatOf = (request: FastifyRequest): Open311Format =>
  (request.url.split('?')[0] ?? '').endsWith('.xml') ? 'xml' : 'json';

/** Sends one document in the format its address asks for. */
function send(reply: FastifyReply, format: Open311Format, status: number, json: unknown, xml: () => string) {
  reply.status(status).header('cache-control', 'no-store');
  if (format === 'xml') return reply.header('content-type', 'text/xml; charset=utf-8').send(xml());
  return reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(json));
}

/** The spec's error list: one error per field in trouble (its description names the field), or one. */
function open311Errors(request: FastifyRequest, error: AppError): TOpen311Error[] {
  const fields = Object.entries(error.options.fields ?? {});
  if (fields.length === 0)
    return [{ code: error.status, description: request.t(`errors.${error.code}`, error.options.params) }];
  return fields.map(([field, problem]) => ({
    code: error.status,
    description: `${field}: ${request.t(problem.key, problem.params)}`,
  }));
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const errors = open311Errors(request, error);
  if (error.options.retryAfter) reply.header('retry-after', String(error.options.retryAfter));
  return send(reply, formatOf(request), error.status, errors, () =>
    xmlDocument('errors', xmlList('error', errors as unknown as XmlValue[])),
  );
}

/** An XML document, described for the OpenAPI document (its media type comes from `produces`). */
const xmlResponse = (root: string) => ({
  200: z
    .string()
    .meta({ description: `A ${root} document (text/xml), the same fields as the JSON variant.` }),
});

export const open311Routes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;

  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code }, 'request refused');
    return sendError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new AppError('NOT_FOUND')));

  for (const format of OPEN311_FORMATS) {
    const xml = format === 'xml';
    const errors = { 400: ZOpen311Errors, 404: ZOpen311Errors };

    app.get(
      `/discovery.${format}`,
      {
        schema: {
          tags: TAGS,
          summary: `Open311 service discovery (${format.toUpperCase()})`,
          description: 'Where the GeoReport v2 endpoint is, its formats and whom to contact.',
          produces: [xml ? 'text/xml' : 'application/json'],
          response: xml ? xmlResponse('<discovery>') : { 200: ZOpen311Discovery },
        },
      },
      async (request, reply) => {
        const discovery = open311Discovery(deps, tr(request));
        return send(reply, format, 200, discovery, () =>
          xmlDocument('discovery', {
            changeset: discovery.changeset,
            contact: discovery.contact,
            key_service: discovery.key_service,
            endpoints: xmlList(
              'endpoint',
              discovery.endpoints.map((e) => ({ ...e, formats: xmlList('format', e.formats) })),
            ),
          }),
        );
      },
    );

    app.get(
      `/v2/services.${format}`,
      {
        schema: {
          tags: TAGS,
          summary: `GeoReport v2: the services (${format.toUpperCase()})`,
          description:
            'One service per subject feedback can be about: procedure, officer, unit, other. Each takes attributes (metadata: true), see the service definition.',
          querystring: ZOpen311JurisdictionQuery,
          produces: [xml ? 'text/xml' : 'application/json'],
          response: xml ? xmlResponse('<services>') : { 200: z.array(ZOpen311Service), ...errors },
        },
      },
      async (request, reply) => {
        checkJurisdiction(deps, request.query.jurisdiction_id);
        const services = open311Services(tr(request));
        return send(reply, format, 200, services, () =>
          xmlDocument('services', xmlList('service', services)),
        );
      },
    );

    app.get(
      `/v2/services/:service_code.${format}`,
      {
        schema: {
          tags: TAGS,
          summary: `GeoReport v2: a service definition (${format.toUpperCase()})`,
          description:
            'The attributes a service takes: kind (complaint or recommendation), unit (which town, ward or commune), procedure_code or officer_name, publish (consent).',
          params: z.object({ service_code: z.string().max(200) }),
          querystring: ZOpen311JurisdictionQuery,
          produces: [xml ? 'text/xml' : 'application/json'],
          response: xml ? xmlResponse('<service_definition>') : { 200: ZOpen311ServiceDefinition, ...errors },
        },
      },
      async (request, reply) => {
        checkJurisdiction(deps, request.query.jurisdiction_id);
        const definition = await open311ServiceDefinition(
          deps,
          request.params.service_code,
          tr(request),
          request.locale,
        );
        return send(reply, format, 200, definition, () =>
          xmlDocument('service_definition', {
            service_code: definition.service_code,
            attributes: xmlList(
              'attribute',
              definition.attributes.map(({ values, ...attribute }) => ({
                ...attribute,
                ...(values ? { values: xmlList('value', values) } : {}),
              })),
            ),
          }),
        );
      },
    );

    app.get(
      `/v2/requests.${format}`,
      {
        schema: {
          tags: TAGS,
          summary: `GeoReport v2: service requests (${format.toUpperCase()})`,
          description:
            'Feedback items by ids, or by service, status and date of receipt (the last 90 days by default), newest first, at most 1000. An item’s description, answer (status_notes) and location are shown once its answer is published with the sender’s consent; otherwise the responsible unit’s address stands in.',
          querystring: ZOpen311ListQuery,
          produces: [xml ? 'text/xml' : 'application/json'],
          response: xml ? xmlResponse('<service_requests>') : { 200: z.array(ZOpen311Request), ...errors },
        },
      },
      async (request, reply) => {
        const requests = await listOpen311Requests(deps, request.query, tr(request), request.locale);
        return send(reply, format, 200, requests, () =>
          xmlDocument('service_requests', xmlList('request', requests)),
        );
      },
    );

    app.get(
      `/v2/requests/:service_request_id.${format}`,
      {
        schema: {
          tags: TAGS,
          summary: `GeoReport v2: one service request (${format.toUpperCase()})`,
          description: 'A feedback item by its code (PA-yyMMdd-NNNN), as a list of one.',
          params: z.object({ service_request_id: z.string().max(200) }),
          querystring: ZOpen311JurisdictionQuery,
          produces: [xml ? 'text/xml' : 'application/json'],
          response: xml ? xmlResponse('<service_requests>') : { 200: z.array(ZOpen311Request), ...errors },
        },
      },
      async (request, reply) => {
        const requests = await getOpen311Request(
          deps,
          request.params.service_request_id,
          request.query,
          tr(request),
          request.locale,
        );
        return send(reply, format, 200, requests, () =>
          xmlDocument('service_requests', xmlList('request', requests)),
        );
      },
    );

    app.post(
      `/v2/requests.${format}`,
      {
        schema: {
          tags: TAGS,
          summary: `GeoReport v2: send feedback (${format.toUpperCase()})`,
          description:
            'Form-encoded as the spec shows (application/x-www-form-urlencoded, attributes as attribute[code]=value), or JSON with the same keys. service_code and description are required; a location (lat and long, or address_string) is optional: without one, the responsible unit’s address stands in. Answers the new id (PA-yyMMdd-NNNN) and a notice with the due date and the key that opens the answer on the look-up page. No api_key is needed.',
          consumes: FORM_TYPES,
          body: ZOpen311PostBody,
          produces: [xml ? 'text/xml' : 'application/json'],
          response: xml ? xmlResponse('<service_requests>') : { 200: z.array(ZOpen311Created), ...errors },
        },
        // The spec sends a form; JSON is accepted too; anything else is refused before it is read.
        preValidation: async (request) => {
          const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
          if (!FORM_TYPES.includes(type)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        },
      },
      async (request, reply) => {
        const created = await createOpen311Request(
          deps,
          { actor: request.actor, requestId: request.id },
          (request.body ?? {}) as Record<string, unknown>,
          { ip: request.ip, locale: request.locale, t: tr(request) },
        );
        // 200 rather than 201: Open311 clients expect it (the spec shows no other).
        return send(reply, format, 200, [created], () =>
          xmlDocument('service_requests', xmlList('request', [created])),
        );
      },
    );
  }
};
