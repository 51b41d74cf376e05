/**
 * A Swagger 2.0 request validator for the SP-API models (amzn/selling-partner-api-models).
 *
 * It finds the operation by method + path template (the model's `paths` joined to its
 * `basePath`), then checks path, query and header parameters, the content type and the JSON body
 * against the operation's parameters and the model's `definitions`. Every mismatch becomes a
 * `ValidationProblem`; the caller decides what to answer (the emulator records a violation and
 * answers with the API's `ErrorList` shape).
 *
 * Scope: the features the SP-API models use — `$ref` to `#/definitions/…`, `allOf`, object
 * `properties`/`required`/`additionalProperties` (true, false or a schema), arrays with
 * `items`/`minItems`/`maxItems`/`uniqueItems`, strings with `enum`/`minLength`/`maxLength`/
 * `pattern`/`format` (`date-time`, `date`), integers and numbers with `minimum`/`maximum`
 * (`exclusive*`), booleans; query arrays in every `collectionFormat` (default `csv`).
 * `formData` parameters do not occur in the models and are not supported.
 */
import { readFileSync } from 'node:fs';

/** The schema keywords shared by schemas and non-body parameters. */
export interface SchemaKeywords {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  allOf?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  default?: unknown;
  [extension: string]: unknown;
}

export interface JsonSchema extends SchemaKeywords {
  required?: string[];
}

export interface SwaggerParameter extends SchemaKeywords {
  name: string;
  in: 'path' | 'query' | 'header' | 'body' | 'formData';
  required?: boolean;
  collectionFormat?: 'csv' | 'ssv' | 'tsv' | 'pipes' | 'multi';
  schema?: JsonSchema;
}

export interface SwaggerResponse {
  description?: string;
  schema?: JsonSchema;
  headers?: Record<string, JsonSchema>;
}

export interface SwaggerOperation {
  operationId: string;
  parameters?: Array<SwaggerParameter | { $ref: string }>;
  consumes?: string[];
  produces?: string[];
  responses: Record<string, SwaggerResponse>;
  [extension: string]: unknown;
}

export interface SwaggerModel {
  swagger: string;
  basePath?: string;
  consumes?: string[];
  produces?: string[];
  paths: Record<string, Record<string, unknown>>;
  definitions?: Record<string, JsonSchema>;
  parameters?: Record<string, SwaggerParameter>;
  [extension: string]: unknown;
}

/** One failed check. `location` names what failed: `path`, `query.pageSize`, `body.reportOptions.eventType`, `header.content-type`… */
export interface ValidationProblem {
  location: string;
  message: string;
}

export interface OperationInfo {
  operationId: string;
  method: string;
  /** The template as the model writes it, with the basePath in front (`/reports/2021-06-30/reports/{reportId}`). */
  pathTemplate: string;
  parameters: SwaggerParameter[];
  consumes: string[];
  operation: SwaggerOperation;
}

export interface RequestToCheck {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array | string;
}

export type RequestCheck =
  | {
      kind: 'ok';
      operation: OperationInfo;
      pathParams: Record<string, string>;
      /** Query parameters converted to their declared types, with defaults filled in. */
      query: Record<string, unknown>;
      body: unknown;
    }
  | {
      kind: 'invalid';
      /** 400 for bad parameters or body, 415 for a wrong content type. */
      status: 400 | 415;
      operation: OperationInfo;
      problems: ValidationProblem[];
      pathParams: Record<string, string>;
      query: Record<string, unknown>;
      body: unknown;
    }
  | { kind: 'no-route'; status: 404; problems: ValidationProblem[] }
  | { kind: 'method-not-allowed'; status: 405; allowed: string[]; problems: ValidationProblem[] };

export interface SwaggerValidatorOptions {
  /**
   * Swagger 2.0 cannot say "no other query parameters"; the models never forbid them. `reject`
   * (the default) reports an undeclared query parameter anyway, because for a client of this
   * model it is always a mistake (`reportType=` for `reportTypes=`) that the real API silently
   * ignores.
   */
  unknownQueryParameters?: 'allow' | 'reject';
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

/** RFC 3339 date-time (the profile of ISO 8601 that Swagger's `date-time` means): seconds and an offset are required. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function validYmd(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

/** True when `text` is an RFC 3339 / ISO 8601 date-time with an offset, naming a real instant. */
export function isDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  if (!validYmd(y, mo, d) || h > 23 || mi > 59 || s > 60) return false;
  if (m[9] !== undefined && (Number(m[10]) > 23 || Number(m[11]) > 59)) return false;
  return true;
}

/** Milliseconds since the epoch of an RFC 3339 date-time, or null. */
export function parseDateTime(text: string): number | null {
  if (!isDateTime(text)) return null;
  const ms = Date.parse(text.replace(/t/, 'T').replace(/z$/, 'Z'));
  return Number.isFinite(ms) ? ms : null;
}

export function isFullDate(text: string): boolean {
  const m = FULL_DATE.exec(text);
  return !!m && validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 60 ? value.slice(0, 60) + '…' : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return `a ${typeof value}`;
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) return headers[key];
  return undefined;
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  return contentType.split(';')[0].trim().toLowerCase();
}

function bodyText(body: Uint8Array | string | undefined): string {
  if (body === undefined) return '';
  if (typeof body === 'string') return body;
  return new TextDecoder('utf-8').decode(body);
}

/** Splits a raw query string into decoded `[name, value]` pairs, reporting undecodable parts. */
function parseQuery(search: string, problems: ValidationProblem[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const raw = search.startsWith('?') ? search.slice(1) : search;
  if (raw === '') return out;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    try {
      out.push([decodeURIComponent(rawName.replace(/\+/g, ' ')), decodeURIComponent(rawValue.replace(/\+/g, ' '))]);
    } catch {
      problems.push({ location: `query`, message: `query component ${JSON.stringify(part)} is not valid percent-encoding` });
    }
  }
  return out;
}

interface CompiledPath {
  template: string;
  regex: RegExp;
  names: string[];
  literalSegments: number;
  methods: Map<string, OperationInfo>;
}

export class SwaggerValidator {
  readonly model: SwaggerModel;
  readonly operations: OperationInfo[] = [];
  private readonly paths: CompiledPath[] = [];
  private readonly byId = new Map<string, OperationInfo>();
  private readonly unknownQuery: 'allow' | 'reject';

  constructor(model: SwaggerModel, options: SwaggerValidatorOptions = {}) {
    if (model.swagger !== '2.0') throw new Error(`not a Swagger 2.0 model (swagger: ${String(model.swagger)})`);
    this.model = model;
    this.unknownQuery = options.unknownQueryParameters ?? 'reject';
    const base = (model.basePath ?? '/').replace(/\/+$/, '');
    for (const [template, item] of Object.entries(model.paths)) {
      const full = base + template;
      const names: string[] = [];
      let literalSegments = 0;
      const pattern = full
        .split('/')
        .map((segment) => {
          if (segment === '') return '';
          let literal = true;
          const re = segment.replace(/\{([^}]+)\}|[^{]+/g, (whole, name?: string) => {
            if (name !== undefined) {
              literal = false;
              names.push(name);
              return '([^/]+)';
            }
            return whole.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          });
          if (literal) literalSegments++;
          return re;
        })
        .join('/');
      const compiled: CompiledPath = {
        template: full,
        regex: new RegExp(`^${pattern}$`),
        names,
        literalSegments,
        methods: new Map(),
      };
      const pathLevel = this.resolveParameters((item.parameters as SwaggerOperation['parameters']) ?? []);
      for (const method of HTTP_METHODS) {
        const op = item[method] as SwaggerOperation | undefined;
        if (!op) continue;
        const own = this.resolveParameters(op.parameters ?? []);
        const merged = [...pathLevel.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own];
        const info: OperationInfo = {
          operationId: op.operationId,
          method: method.toUpperCase(),
          pathTemplate: full,
          parameters: merged,
          consumes: op.consumes ?? model.consumes ?? ['application/json'],
          operation: op,
        };
        compiled.methods.set(info.method, info);
        this.operations.push(info);
        this.byId.set(info.operationId, info);
      }
      this.paths.push(compiled);
    }
    // Literal segments win over templates (`/schedules/x` before `/{id}/x`).
    this.paths.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  /** Loads a model file (JSON). */
  static load(file: string | URL, options?: SwaggerValidatorOptions): SwaggerValidator {
    return new SwaggerValidator(JSON.parse(readFileSync(file, 'utf8')) as SwaggerModel, options);
  }

  operation(operationId: string): OperationInfo {
    const op = this.byId.get(operationId);
    if (!op) throw new Error(`no operation ${operationId} in the model`);
    return op;
  }

  private resolveParameters(list: Array<SwaggerParameter | { $ref: string }>): SwaggerParameter[] {
    return list.map((p) => {
      if ('$ref' in p && typeof p.$ref === 'string' && !('name' in p)) {
        const name = p.$ref.replace(/^#\/parameters\//, '');
        const found = this.model.parameters?.[name];
        if (!found) throw new Error(`unresolvable parameter ${p.$ref}`);
        return found;
      }
      return p as SwaggerParameter;
    });
  }

  /** Finds the operation for a method and a URL path (percent-encoded, as on the wire). */
  findOperation(
    method: string,
    path: string,
  ):
    | { operation: OperationInfo; pathParams: Record<string, string>; problems: ValidationProblem[] }
    | { operation?: undefined; allowed: string[] } {
    const upper = method.toUpperCase();
    let allowed: string[] = [];
    for (const compiled of this.paths) {
      const m = compiled.regex.exec(path);
      if (!m) continue;
      const info = compiled.methods.get(upper);
      if (!info) {
        allowed = [...compiled.methods.keys()];
        continue;
      }
      const pathParams: Record<string, string> = {};
      const problems: ValidationProblem[] = [];
      compiled.names.forEach((name, i) => {
        try {
          pathParams[name] = decodeURIComponent(m[i + 1]);
        } catch {
          pathParams[name] = m[i + 1];
          problems.push({ location: `path.${name}`, message: `path parameter ${name} is not valid percent-encoding` });
        }
      });
      return { operation: info, pathParams, problems };
    }
    return { allowed };
  }

  /** Checks a whole request. */
  checkRequest(request: RequestToCheck): RequestCheck {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return { kind: 'no-route', status: 404, problems: [{ location: 'url', message: `not a URL: ${request.url}` }] };
    }
    const found = this.findOperation(request.method, url.pathname);
    if (!found.operation) {
      if (found.allowed.length > 0) {
        return {
          kind: 'method-not-allowed',
          status: 405,
          allowed: found.allowed,
          problems: [
            {
              location: 'method',
              message: `${request.method.toUpperCase()} is not an operation of ${url.pathname} (the model has ${found.allowed.join(', ')})`,
            },
          ],
        };
      }
      return {
        kind: 'no-route',
        status: 404,
        problems: [{ location: 'path', message: `no operation in the model matches ${request.method.toUpperCase()} ${url.pathname}` }],
      };
    }
    const op = found.operation;
    const problems: ValidationProblem[] = [...found.problems];
    let status: 400 | 415 = 400;

    // Path parameters.
    for (const p of op.parameters.filter((x) => x.in === 'path')) {
      const raw = found.pathParams[p.name];
      if (raw === undefined || raw === '') {
        problems.push({ location: `path.${p.name}`, message: `path parameter ${p.name} is required` });
        continue;
      }
      this.checkSimple(p, raw, `path.${p.name}`, problems);
    }

    // Query parameters.
    const pairs = parseQuery(url.search, problems);
    const query: Record<string, unknown> = {};
    const declared = op.parameters.filter((x) => x.in === 'query');
    for (const [name] of pairs) {
      if (!declared.some((p) => p.name === name) && this.unknownQuery === 'reject') {
        const near = declared.find((p) => p.name.toLowerCase() === name.toLowerCase());
        problems.push({
          location: `query.${name}`,
          message:
            `query parameter ${name} is not a parameter of ${op.operationId}` +
            (near ? ` (did you mean ${near.name}?)` : ` (it has: ${declared.map((p) => p.name).join(', ') || 'none'})`),
        });
      }
    }
    for (const p of declared) {
      const values = pairs.filter(([n]) => n === p.name).map(([, v]) => v);
      if (values.length === 0) {
        if (p.required) problems.push({ location: `query.${p.name}`, message: `query parameter ${p.name} is required` });
        else if (p.default !== undefined) query[p.name] = p.default;
        continue;
      }
      const parsed = this.parseParameter(p, values, `query.${p.name}`, problems);
      if (parsed !== undefined) query[p.name] = parsed;
    }

    // Header parameters.
    for (const p of op.parameters.filter((x) => x.in === 'header')) {
      const value = headerValue(request.headers, p.name);
      if (value === undefined) {
        if (p.required) problems.push({ location: `header.${p.name}`, message: `header ${p.name} is required` });
        continue;
      }
      this.parseParameter(p, [value], `header.${p.name}`, problems);
    }

    // Body.
    const bodyParam = op.parameters.find((x) => x.in === 'body');
    const text = bodyText(request.body);
    let body: unknown = undefined;
    if (!bodyParam) {
      if (text.length > 0) problems.push({ location: 'body', message: `${op.operationId} takes no request body, but one was sent` });
    } else if (text.length === 0) {
      if (bodyParam.required) problems.push({ location: 'body', message: `${op.operationId} requires a JSON body` });
    } else {
      const type = mediaType(headerValue(request.headers, 'content-type'));
      if (type === undefined) {
        status = 415;
        problems.push({ location: 'header.content-type', message: `a body was sent without a Content-Type (expected ${op.consumes.join(' or ')})` });
      } else if (!op.consumes.map((c) => c.toLowerCase()).includes(type)) {
        status = 415;
        problems.push({ location: 'header.content-type', message: `Content-Type ${type} is not accepted (expected ${op.consumes.join(' or ')})` });
      } else {
        try {
          body = JSON.parse(text);
        } catch (e) {
          problems.push({ location: 'body', message: `the body is not valid JSON: ${(e as Error).message}` });
        }
        if (body !== undefined && bodyParam.schema) problems.push(...this.checkValue(bodyParam.schema, body, 'body'));
      }
    }

    if (problems.length > 0) {
      return { kind: 'invalid', status, operation: op, problems, pathParams: found.pathParams, query, body };
    }
    return { kind: 'ok', operation: op, pathParams: found.pathParams, query, body };
  }

  /** Splits and converts a non-body parameter's raw value(s). */
  private parseParameter(p: SwaggerParameter, values: string[], location: string, problems: ValidationProblem[]): unknown {
    if (p.type === 'array') {
      const format = p.collectionFormat ?? 'csv';
      let items: string[];
      if (format === 'multi') {
        items = values;
      } else {
        if (values.length > 1) {
          problems.push({
            location,
            message: `${p.name} was sent ${values.length} times; with collectionFormat ${format} it must be one ${format === 'csv' ? 'comma-separated' : format} value`,
          });
        }
        const sep = { csv: ',', ssv: ' ', tsv: '\t', pipes: '|' }[format];
        items = values.flatMap((v) => (v === '' ? [] : v.split(sep)));
        if (items.some((i) => i === '')) problems.push({ location, message: `${p.name} has an empty element (${JSON.stringify(values.join(sep))})` });
      }
      if (p.minItems !== undefined && items.length < p.minItems) {
        problems.push({ location, message: `${p.name} needs at least ${p.minItems} item(s), got ${items.length}` });
      }
      if (p.maxItems !== undefined && items.length > p.maxItems) {
        problems.push({ location, message: `${p.name} allows at most ${p.maxItems} item(s), got ${items.length}` });
      }
      if (p.uniqueItems && new Set(items).size !== items.length) problems.push({ location, message: `${p.name} has duplicate items` });
      const itemSchema = (p.items ?? {}) as SwaggerParameter;
      return items.map((item, i) => this.checkSimple({ ...itemSchema, name: `${p.name}[${i}]`, in: p.in }, item, `${location}[${i}]`, problems));
    }
    if (values.length > 1) problems.push({ location, message: `${p.name} was sent ${values.length} times` });
    return this.checkSimple(p, values[0], location, problems);
  }

  /** Converts one raw string to the parameter's primitive type and checks it. */
  private checkSimple(p: SwaggerParameter, raw: string, location: string, problems: ValidationProblem[]): unknown {
    let value: unknown = raw;
    switch (p.type) {
      case 'integer':
        if (!/^-?\d+$/.test(raw)) {
          problems.push({ location, message: `expected an integer, got ${JSON.stringify(raw)}` });
          return undefined;
        }
        value = Number(raw);
        break;
      case 'number':
        if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw)) {
          problems.push({ location, message: `expected a number, got ${JSON.stringify(raw)}` });
          return undefined;
        }
        value = Number(raw);
        break;
      case 'boolean':
        if (raw !== 'true' && raw !== 'false') {
          problems.push({ location, message: `expected true or false, got ${JSON.stringify(raw)}` });
          return undefined;
        }
        value = raw === 'true';
        break;
      default:
        break;
    }
    const { name: _name, in: _in, required: _required, collectionFormat: _format, ...schema } = p as SwaggerParameter;
    problems.push(...this.checkValue(schema as JsonSchema, value, location));
    return value;
  }

  /** Resolves `#/definitions/Name` (or a bare definition name). */
  resolve(ref: string): JsonSchema {
    const name = ref.startsWith('#/definitions/') ? ref.slice('#/definitions/'.length) : ref;
    const found = this.model.definitions?.[name];
    if (!found) throw new Error(`unresolvable $ref ${ref}`);
    return found;
  }

  /** Checks a JSON value against a schema (or a definition name); returns every problem found. */
  checkValue(schema: JsonSchema | string, value: unknown, location = 'body'): ValidationProblem[] {
    const problems: ValidationProblem[] = [];
    this.walk(typeof schema === 'string' ? this.resolve(schema) : schema, value, location, problems, 0);
    return problems;
  }

  /** Checks a response body against the model's schema for that operation and status. */
  checkResponse(operationId: string, status: number, body: unknown): ValidationProblem[] {
    const op = this.operation(operationId);
    const response = op.operation.responses[String(status)] ?? op.operation.responses.default;
    if (!response) return [{ location: 'status', message: `${operationId} declares no response ${status}` }];
    if (!response.schema) return body === undefined ? [] : [{ location: 'body', message: `${operationId} ${status} declares no body` }];
    return this.checkValue(response.schema, body, 'response');
  }

  private walk(schema: JsonSchema, value: unknown, location: string, problems: ValidationProblem[], depth: number): void {
    if (depth > 64) throw new Error(`schema recursion too deep at ${location}`);
    if (schema.$ref) {
      this.walk(this.resolve(schema.$ref), value, location, problems, depth + 1);
      return;
    }
    if (schema.allOf) for (const part of schema.allOf) this.walk(part, value, location, problems, depth + 1);
    const type = schema.type ?? (schema.properties || schema.additionalProperties !== undefined ? 'object' : undefined);
    if (value === undefined) return;
    if (schema.enum && !schema.enum.some((e) => e === value)) {
      problems.push({ location, message: `${describe(value)} is not one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}` });
      return;
    }
    switch (type) {
      case 'object': {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          problems.push({ location, message: `expected an object, got ${describe(value)}` });
          return;
        }
        const obj = value as Record<string, unknown>;
        for (const name of schema.required ?? []) {
          if (obj[name] === undefined) problems.push({ location: `${location}.${name}`, message: `required property ${name} is missing` });
        }
        const props = schema.properties ?? {};
        for (const [name, v] of Object.entries(obj)) {
          const child = `${location}.${name}`;
          if (Object.prototype.hasOwnProperty.call(props, name)) {
            this.walk(props[name], v, child, problems, depth + 1);
          } else if (schema.additionalProperties === false) {
            problems.push({ location: child, message: `property ${name} is not allowed (known: ${Object.keys(props).join(', ')})` });
          } else if (typeof schema.additionalProperties === 'object') {
            this.walk(schema.additionalProperties, v, child, problems, depth + 1);
          }
        }
        return;
      }
      case 'array': {
        if (!Array.isArray(value)) {
          problems.push({ location, message: `expected an array, got ${describe(value)}` });
          return;
        }
        if (schema.minItems !== undefined && value.length < schema.minItems) {
          problems.push({ location, message: `needs at least ${schema.minItems} item(s), got ${value.length}` });
        }
        if (schema.maxItems !== undefined && value.length > schema.maxItems) {
          problems.push({ location, message: `allows at most ${schema.maxItems} item(s), got ${value.length}` });
        }
        if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) {
          problems.push({ location, message: `items must be unique` });
        }
        if (schema.items) value.forEach((v, i) => this.walk(schema.items as JsonSchema, v, `${location}[${i}]`, problems, depth + 1));
        return;
      }
      case 'string': {
        if (typeof value !== 'string') {
          problems.push({ location, message: `expected a string, got ${describe(value)}` });
          return;
        }
        const length = [...value].length;
        if (schema.minLength !== undefined && length < schema.minLength) {
          problems.push({ location, message: `length ${length} is below the minimum ${schema.minLength} (${describe(value)})` });
        }
        if (schema.maxLength !== undefined && length > schema.maxLength) {
          problems.push({ location, message: `length ${length} is above the maximum ${schema.maxLength}` });
        }
        if (schema.pattern !== undefined) {
          let re: RegExp | undefined;
          try {
            re = new RegExp(schema.pattern);
          } catch {
            re = undefined;
          }
          if (re && !re.test(value)) problems.push({ location, message: `${describe(value)} does not match the pattern ${schema.pattern}` });
        }
        if (schema.format === 'date-time' && !isDateTime(value)) {
          problems.push({ location, message: `${describe(value)} is not an ISO 8601 date-time with seconds and an offset (e.g. 2026-10-01T00:00:00Z)` });
        }
        if (schema.format === 'date' && !isFullDate(value)) {
          problems.push({ location, message: `${describe(value)} is not an ISO 8601 date (YYYY-MM-DD)` });
        }
        return;
      }
      case 'integer':
      case 'number': {
        if (typeof value !== 'number' || !Number.isFinite(value) || (type === 'integer' && !Number.isInteger(value))) {
          problems.push({ location, message: `expected ${type === 'integer' ? 'an integer' : 'a number'}, got ${describe(value)}` });
          return;
        }
        if (schema.minimum !== undefined && (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum)) {
          problems.push({ location, message: schema.exclusiveMinimum ? `${value} must be greater than ${schema.minimum}` : `${value} is below the minimum ${schema.minimum}` });
        }
        if (schema.maximum !== undefined && (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum)) {
          problems.push({ location, message: schema.exclusiveMaximum ? `${value} must be less than ${schema.maximum}` : `${value} is above the maximum ${schema.maximum}` });
        }
        return;
      }
      case 'boolean':
        if (typeof value !== 'boolean') problems.push({ location, message: `expected a boolean, got ${describe(value)}` });
        return;
      default:
        return;
    }
  }
}

/** The Reports API 2021-06-30 model, from the copy next to this file. */
export function loadReportsModel(options?: SwaggerValidatorOptions): SwaggerValidator {
  return SwaggerValidator.load(new URL('./models/reports_2021-06-30.json', import.meta.url), options);
}
