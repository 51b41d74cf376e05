import { describe, expect, it } from 'vitest';
import { isDateTime, loadReportsModel, SwaggerValidator, type RequestToCheck, type SwaggerModel } from './swagger';

const reports = loadReportsModel();
const HOST = 'https://sellingpartnerapi-na.amazon.com';
const json = (body: unknown, contentType = 'application/json'): Pick<RequestToCheck, 'headers' | 'body'> => ({
  headers: { 'Content-Type': contentType },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const post = (path: string, body: unknown, contentType?: string): RequestToCheck => ({ method: 'POST', url: HOST + path, ...json(body, contentType) });
const get = (pathAndQuery: string): RequestToCheck => ({ method: 'GET', url: HOST + pathAndQuery, headers: {} });

function problems(request: RequestToCheck, validator: SwaggerValidator = reports): string[] {
  const check = validator.checkRequest(request);
  return check.kind === 'ok' ? [] : check.problems.map((p) => `${p.location}: ${p.message}`);
}

const goodSpec = {
  reportType: 'GET_LEDGER_DETAIL_VIEW_DATA',
  marketplaceIds: ['ATVPDKIKX0DER'],
  dataStartTime: '2026-10-01T00:00:00Z',
  dataEndTime: '2026-10-31T23:59:59.999+00:00',
  reportOptions: { eventType: 'Shipments' },
};

describe('operation lookup', () => {
  it('finds every Reports operation by method and path template', () => {
    expect(reports.operations.map((o) => `${o.method} ${o.pathTemplate} ${o.operationId}`).sort()).toEqual(
      [
        'DELETE /reports/2021-06-30/reports/{reportId} cancelReport',
        'DELETE /reports/2021-06-30/schedules/{reportScheduleId} cancelReportSchedule',
        'GET /reports/2021-06-30/documents/{reportDocumentId} getReportDocument',
        'GET /reports/2021-06-30/reports getReports',
        'GET /reports/2021-06-30/reports/{reportId} getReport',
        'GET /reports/2021-06-30/schedules getReportSchedules',
        'GET /reports/2021-06-30/schedules/{reportScheduleId} getReportSchedule',
        'POST /reports/2021-06-30/reports createReport',
        'POST /reports/2021-06-30/schedules createReportSchedule',
      ].sort(),
    );
  });

  it('decodes path parameters', () => {
    const check = reports.checkRequest(get('/reports/2021-06-30/documents/amzn1.spdoc.1.4.na.a%7Cb'));
    expect(check.kind).toBe('ok');
    if (check.kind === 'ok') {
      expect(check.operation.operationId).toBe('getReportDocument');
      expect(check.pathParams.reportDocumentId).toBe('amzn1.spdoc.1.4.na.a|b');
    }
  });

  it('reports a wrong path (404) and a wrong method (405)', () => {
    const wrong = reports.checkRequest(get('/reports/2020-09-04/reports/123'));
    expect(wrong.kind).toBe('no-route');
    const trailing = reports.checkRequest(get('/reports/2021-06-30/reports/'));
    expect(trailing.kind).toBe('no-route');
    const method = reports.checkRequest({ method: 'PUT', url: `${HOST}/reports/2021-06-30/reports/123`, headers: {} });
    expect(method.kind).toBe('method-not-allowed');
    if (method.kind === 'method-not-allowed') expect(method.allowed.sort()).toEqual(['DELETE', 'GET']);
  });
});

describe('createReport body', () => {
  it('accepts a valid specification', () => {
    expect(problems(post('/reports/2021-06-30/reports', goodSpec))).toEqual([]);
    expect(problems(post('/reports/2021-06-30/reports', goodSpec, 'application/json; charset=UTF-8'))).toEqual([]);
  });

  it('requires marketplaceIds and reportType', () => {
    const { marketplaceIds: _m, ...noMarketplaces } = goodSpec;
    expect(problems(post('/reports/2021-06-30/reports', noMarketplaces))).toEqual(['body.marketplaceIds: required property marketplaceIds is missing']);
    const { reportType: _r, ...noType } = goodSpec;
    expect(problems(post('/reports/2021-06-30/reports', noType))).toEqual(['body.reportType: required property reportType is missing']);
  });

  it('checks array bounds and item types', () => {
    expect(problems(post('/reports/2021-06-30/reports', { ...goodSpec, marketplaceIds: [] }))).toEqual([
      'body.marketplaceIds: needs at least 1 item(s), got 0',
    ]);
    const many = Array.from({ length: 26 }, (_, i) => `M${i}`);
    expect(problems(post('/reports/2021-06-30/reports', { ...goodSpec, marketplaceIds: many }))).toEqual([
      'body.marketplaceIds: allows at most 25 item(s), got 26',
    ]);
    expect(problems(post('/reports/2021-06-30/reports', { ...goodSpec, marketplaceIds: 'ATVPDKIKX0DER' }))[0]).toMatch(/expected an array/);
    expect(problems(post('/reports/2021-06-30/reports', { ...goodSpec, marketplaceIds: [42] }))[0]).toMatch(/marketplaceIds\[0\]: expected a string/);
  });

  it('checks date-time format', () => {
    for (const bad of ['2026-10-01', '2026-10-01T00:00:00', '10/01/2026', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-10-01 00:00:00Z', '']) {
      const found = problems(post('/reports/2021-06-30/reports', { ...goodSpec, dataStartTime: bad }));
      expect(found, bad).toHaveLength(1);
      expect(found[0]).toMatch(/^body\.dataStartTime: .* is not an ISO 8601 date-time/);
    }
    for (const good of ['2026-10-01T00:00:00Z', '2026-10-01T00:00:00.000Z', '2026-10-01T00:00:00-07:00', '2026-10-01T23:59:59.999999+05:30']) {
      expect(isDateTime(good), good).toBe(true);
    }
  });

  it('checks reportOptions as a map of strings', () => {
    expect(problems(post('/reports/2021-06-30/reports', { ...goodSpec, reportOptions: { eventType: 3 } }))).toEqual([
      'body.reportOptions.eventType: expected a string, got the number 3',
    ]);
    expect(problems(post('/reports/2021-06-30/reports', { ...goodSpec, reportOptions: ['Shipments'] }))[0]).toMatch(/expected an object/);
  });

  it('allows unknown properties where the schema does not forbid them', () => {
    expect(problems(post('/reports/2021-06-30/reports', { ...goodSpec, somethingElse: 1 }))).toEqual([]);
  });

  it('rejects a wrong content type with 415, and bad JSON with 400', () => {
    const form = reports.checkRequest(post('/reports/2021-06-30/reports', 'reportType=X', 'application/x-www-form-urlencoded'));
    expect(form.kind === 'invalid' && form.status).toBe(415);
    const none = reports.checkRequest({ method: 'POST', url: `${HOST}/reports/2021-06-30/reports`, headers: {}, body: JSON.stringify(goodSpec) });
    expect(none.kind === 'invalid' && none.status).toBe(415);
    const broken = reports.checkRequest(post('/reports/2021-06-30/reports', '{"reportType":'));
    expect(broken.kind === 'invalid' && broken.status).toBe(400);
    expect(problems(post('/reports/2021-06-30/reports', '{"reportType":'))[0]).toMatch(/not valid JSON/);
  });

  it('requires the body and refuses one where none belongs', () => {
    expect(problems({ method: 'POST', url: `${HOST}/reports/2021-06-30/reports`, headers: { 'Content-Type': 'application/json' }, body: '' })).toEqual([
      'body: createReport requires a JSON body',
    ]);
    expect(problems({ ...get('/reports/2021-06-30/reports/1'), ...json({}) })).toEqual(['body: getReport takes no request body, but one was sent']);
  });
});

describe('query parameters', () => {
  it('accepts csv arrays, enums, integers and date-times', () => {
    const check = reports.checkRequest(
      get('/reports/2021-06-30/reports?reportTypes=GET_LEDGER_DETAIL_VIEW_DATA,GET_LEDGER_SUMMARY_VIEW_DATA&processingStatuses=DONE,FATAL&pageSize=100&createdSince=2026-10-01T00%3A00%3A00Z'),
    );
    expect(check.kind).toBe('ok');
    if (check.kind === 'ok') {
      expect(check.query).toEqual({
        reportTypes: ['GET_LEDGER_DETAIL_VIEW_DATA', 'GET_LEDGER_SUMMARY_VIEW_DATA'],
        processingStatuses: ['DONE', 'FATAL'],
        pageSize: 100,
        createdSince: '2026-10-01T00:00:00Z',
      });
    }
  });

  it('fills defaults', () => {
    const check = reports.checkRequest(get('/reports/2021-06-30/reports?reportTypes=X'));
    expect(check.kind === 'ok' && check.query.pageSize).toBe(10);
  });

  it('reports enum items, bounds, repeats, empty elements and types', () => {
    expect(problems(get('/reports/2021-06-30/reports?reportTypes=X&processingStatuses=DONE,BAD_VALUE'))).toEqual([
      'query.processingStatuses[1]: the string "BAD_VALUE" is not one of "CANCELLED", "DONE", "FATAL", "IN_PROGRESS", "IN_QUEUE"',
    ]);
    expect(problems(get('/reports/2021-06-30/reports?reportTypes=X&pageSize=0'))).toEqual(['query.pageSize: 0 is below the minimum 1']);
    expect(problems(get('/reports/2021-06-30/reports?reportTypes=X&pageSize=101'))).toEqual(['query.pageSize: 101 is above the maximum 100']);
    expect(problems(get('/reports/2021-06-30/reports?reportTypes=X&pageSize=ten'))).toEqual(['query.pageSize: expected an integer, got "ten"']);
    const eleven = Array.from({ length: 11 }, (_, i) => `T${i}`).join(',');
    expect(problems(get(`/reports/2021-06-30/reports?reportTypes=${eleven}`))).toEqual(['query.reportTypes: reportTypes allows at most 10 item(s), got 11']);
    expect(problems(get('/reports/2021-06-30/reports?reportTypes=A&reportTypes=B'))[0]).toMatch(/sent 2 times; with collectionFormat csv/);
    expect(problems(get('/reports/2021-06-30/reports?reportTypes=A,,B'))[0]).toMatch(/empty element/);
    expect(problems(get('/reports/2021-06-30/reports?reportTypes='))).toEqual(['query.reportTypes: reportTypes needs at least 1 item(s), got 0']);
    expect(problems(get('/reports/2021-06-30/reports?reportTypes=X&createdSince=2026-10-01'))[0]).toMatch(/createdSince: .* is not an ISO 8601 date-time/);
    expect(problems(get('/reports/2021-06-30/documents/D?enableContentEncodingUrlHeader=yes'))).toEqual([
      'query.enableContentEncodingUrlHeader: expected true or false, got "yes"',
    ]);
  });

  it('decodes "+" in a query as a space, so an unencoded offset breaks a date-time', () => {
    expect(problems(get('/reports/2021-06-30/reports?reportTypes=X&createdSince=2026-10-01T00:00:00+00:00'))).toEqual([
      'query.createdSince: the string "2026-10-01T00:00:00 00:00" is not an ISO 8601 date-time with seconds and an offset (e.g. 2026-10-01T00:00:00Z)',
    ]);
    expect(problems(get('/reports/2021-06-30/reports?reportTypes=X&createdSince=2026-10-01T00%3A00%3A00%2B00%3A00'))).toEqual([]);
  });

  it('reports required query parameters', () => {
    expect(problems(get('/reports/2021-06-30/schedules'))).toEqual(['query.reportTypes: query parameter reportTypes is required']);
  });

  it('reports undeclared query parameters unless told to allow them', () => {
    expect(problems(get('/reports/2021-06-30/reports?reportType=X'))).toEqual([
      'query.reportType: query parameter reportType is not a parameter of getReports (it has: reportTypes, processingStatuses, marketplaceIds, pageSize, createdSince, createdUntil, nextToken)',
      // and reportTypes itself is optional in the model (the either/or rule is the emulator's business)
    ]);
    expect(problems(get('/reports/2021-06-30/reports?ReportTypes=X'))[0]).toMatch(/did you mean reportTypes\?/);
    const lenient = loadReportsModel({ unknownQueryParameters: 'allow' });
    expect(problems(get('/reports/2021-06-30/reports?reportType=X'), lenient)).toEqual([]);
  });
});

describe('response checks and other models', () => {
  it('checks responses against the model', () => {
    expect(reports.checkResponse('createReport', 202, { reportId: '1' })).toEqual([]);
    expect(reports.checkResponse('createReport', 202, {})).toHaveLength(1);
    expect(reports.checkResponse('getReport', 200, { reportId: '1', reportType: 'X', createdTime: '2026-10-01T00:00:00+00:00', processingStatus: 'DONE' })).toEqual([]);
    expect(reports.checkResponse('getReport', 200, { reportId: '1', reportType: 'X', createdTime: 'yesterday', processingStatus: 'FINISHED' })).toHaveLength(2);
    expect(reports.checkResponse('getReportDocument', 200, { reportDocumentId: 'D', url: 'https://x', compressionAlgorithm: 'ZIP' })).toHaveLength(1);
  });

  it('handles additionalProperties false, patterns, lengths, numbers, allOf, multi arrays, header and $ref parameters', () => {
    const model: SwaggerModel = {
      swagger: '2.0',
      basePath: '/api',
      paths: {
        '/things/{id}': {
          parameters: [{ name: 'id', in: 'path', required: true, type: 'string', pattern: '^[0-9]+$' }],
          put: {
            operationId: 'putThing',
            parameters: [
              { name: 'tags', in: 'query', type: 'array', collectionFormat: 'multi', items: { type: 'string', minLength: 2 } },
              { $ref: '#/parameters/Trace' },
              { name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/Thing' } },
            ],
            responses: { '200': { description: 'ok' } },
          },
        },
      },
      parameters: { Trace: { name: 'x-trace', in: 'header', required: true, type: 'string', maxLength: 4 } },
      definitions: {
        Thing: {
          allOf: [{ $ref: '#/definitions/Named' }],
          type: 'object',
          additionalProperties: false,
          properties: { name: { type: 'string' }, weight: { type: 'number', minimum: 0, exclusiveMinimum: true }, count: { type: 'integer', maximum: 3 } },
        },
        Named: { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 5 } } },
      },
    };
    const v = new SwaggerValidator(model);
    const req = (path: string, body: unknown, headers: Record<string, string> = { 'x-trace': 'abc' }): RequestToCheck => ({
      method: 'PUT',
      url: `https://h${path}`,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    expect(problems(req('/api/things/12?tags=ab&tags=cd', { name: 'x', weight: 1, count: 3 }), v)).toEqual([]);
    expect(problems(req('/api/things/1a?tags=a', { name: 'toolong', weight: 0, count: 3.5, extra: true }, {}), v).sort()).toEqual(
      [
        'body.count: expected an integer, got the number 3.5',
        'body.extra: property extra is not allowed (known: name, weight, count)',
        'body.name: length 7 is above the maximum 5',
        'body.weight: 0 must be greater than 0',
        'header.x-trace: header x-trace is required',
        'path.id: the string "1a" does not match the pattern ^[0-9]+$',
        'query.tags[0]: length 1 is below the minimum 2 (the string "a")',
      ].sort(),
    );
    expect(problems(req('/api/things/1', { weight: 1 }), v)).toEqual(['body.name: required property name is missing']);
    expect(v.checkRequest(req('/things/1', { name: 'x' })).kind).toBe('no-route');
  });
});
