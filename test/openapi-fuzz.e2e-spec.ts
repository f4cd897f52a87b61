import { Accounts, ADMIN, bearer } from './support/accounts';
import { contractViolations, OpenApiDocument, OpenApiOperation } from './support/openapi-contract';
import { resolveSchema, Schema } from './support/openapi-schema';
import { startTestApp, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

/** A bad request built from a documented schema. */
interface BadInput {
  name: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Sent as it is, with this content type, instead of `body` as JSON. */
  raw?: { text: string; contentType: string };
}

const MAX_CASES_PER_OPERATION = 12;
const MAX_PROPERTIES_TRIED = 5;
const SOME_ID = '00000000-0000-4000-8000-000000000000';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * A schema-based fuzzer over the served OpenAPI document: every documented operation gets a few
 * generated bad inputs (fields missing, of the wrong type, overlong, unknown; a body that is
 * not an object or not JSON; bad query and path parameters), with the credentials it documents,
 * on loopback. Every answer must be a status the operation documents, with a body on its
 * documented schema, and never a 500.
 */
describe('OpenAPI contract under generated bad input', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;
  let accounts: Accounts;
  let document: OpenApiDocument;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp({ ...receiver.settings, SMS_RESEND_INTERVAL_SECONDS: '0' });
    accounts = new Accounts(service, receiver);
    document = (await service.http().get('/docs-json').expect(200)).body as OpenApiDocument;
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
  });

  it('answers every generated bad input with a documented status and error body', async () => {
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        // A fresh account per session route: a bad input that still passes (a log-out) must
        // not leave the next route without a session.
        const authorization = await authorizationFor(operation);
        for (const input of badInputs(document, method, path, operation)) {
          const response = await send(method, input, authorization);
          sent++;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const body: unknown = response.status >= 400 ? response.body : undefined;
          for (const problem of contractViolations(document, {
            method: method.toUpperCase(),
            route: path,
            status: response.status,
            body,
          }))
            problems.push(`${problem} (${input.name})`);
        }
      }
    }
    expect(problems).toEqual([]);
    // The inputs did reach validation: most answers are refusals of the input itself.
    expect(sent).toBeGreaterThan(150);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(sent / 3);
    expect(statuses.get(500)).toBeUndefined();
  }, 120_000);

  async function authorizationFor(operation: OpenApiOperation): Promise<string | undefined> {
    const scheme = Object.keys(operation.security?.[0] ?? {})[0];
    if (scheme === 'admin') return ADMIN;
    if (scheme === 'session') return bearer((await accounts.signUp()).sessionToken);
    return undefined;
  }

  function send(method: (typeof METHODS)[number], input: BadInput, authorization?: string) {
    const request = service
      .http()
      [method](input.path)
      .query(input.query ?? {});
    if (authorization) void request.set('Authorization', authorization);
    if (input.raw) return request.set('Content-Type', input.raw.contentType).send(input.raw.text);
    if (input.body === undefined) return request;
    return request.set('Content-Type', 'application/json').send(JSON.stringify(input.body));
  }
});

function badInputs(
  document: OpenApiDocument,
  method: string,
  path: string,
  operation: OpenApiOperation,
): BadInput[] {
  const parameters = operation.parameters ?? [];
  const pathWith = (name?: string, value?: string): string =>
    path.replace(/\{([^}]+)\}/g, (_m, param: string) =>
      encodeURIComponent(param === name && value !== undefined ? value : SOME_ID),
    );
  const inputs: BadInput[] = [];
  for (const param of parameters.filter((p) => p.in === 'path')) {
    inputs.push({ name: `path ${param.name} not an id`, path: pathWith(param.name, 'not-an-id') });
    inputs.push({
      name: `path ${param.name} not a valid URL component`,
      path: pathWith(param.name, '%zz').replace('%25zz', '%zz'),
    });
    inputs.push({
      name: `path ${param.name} overlong`,
      path: pathWith(param.name, 'x'.repeat(2000)),
    });
  }
  for (const param of parameters.filter((p) => p.in === 'query').slice(0, MAX_PROPERTIES_TRIED)) {
    const schema = param.schema ? resolveSchema(document, param.schema) : {};
    inputs.push({
      name: `query ${param.name} of the wrong type`,
      path: pathWith(),
      query: { [param.name]: wrongQueryValue(schema) },
    });
    inputs.push({
      name: `query ${param.name} overlong`,
      path: pathWith(),
      query: { [param.name]: 'x'.repeat((schema.maxLength ?? 5000) + 1) },
    });
  }
  const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
  if (method !== 'get') {
    inputs.push({
      name: 'body not JSON',
      path: pathWith(),
      raw: { text: 'a=1', contentType: 'text/plain' },
    });
    inputs.push({
      name: 'body malformed JSON',
      path: pathWith(),
      raw: { text: '{"a":', contentType: 'application/json' },
    });
    inputs.push(...bodyInputs(document, bodySchema, pathWith()));
  }
  return inputs.slice(0, MAX_CASES_PER_OPERATION);
}

function bodyInputs(
  document: OpenApiDocument,
  schema: Schema | undefined,
  path: string,
): BadInput[] {
  const resolved = schema ? resolveSchema(document, schema) : {};
  if (resolved.type === 'array') {
    return [
      { name: 'array body as an object', path, body: { items: 1 } },
      { name: 'array of numbers', path, body: [1, 2, 3] },
    ];
  }
  const properties = Object.entries(resolved.properties ?? {});
  const base = Object.fromEntries(
    (resolved.required ?? []).map((name) => [
      name,
      plausibleValue(resolveSchema(document, resolved.properties?.[name] ?? {})),
    ]),
  );
  const inputs: BadInput[] = [
    { name: 'body an array', path, body: [base] },
    { name: 'body a string', path, body: 'text' },
    { name: 'unknown field', path, body: { ...base, notAField: 1 } },
  ];
  if ((resolved.required ?? []).length > 0)
    inputs.push({ name: 'required fields missing', path, body: {} });
  for (const [name, property] of properties.slice(0, MAX_PROPERTIES_TRIED)) {
    const propertySchema = resolveSchema(document, property);
    inputs.push({
      name: `${name} of the wrong type`,
      path,
      body: { ...base, [name]: wrongValue(propertySchema) },
    });
    if (propertySchema.type === 'string')
      inputs.push({
        name: `${name} overlong`,
        path,
        body: { ...base, [name]: 'x'.repeat((propertySchema.maxLength ?? 5000) + 1) },
      });
  }
  return inputs;
}

/** A value of the documented type, so that the field under test is the only one wrong. */
function plausibleValue(schema: Schema): unknown {
  if (schema.enum?.length) return schema.enum[0];
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  if (schema.type === 'boolean') return true;
  if (schema.type === 'array') return [];
  if (schema.type === 'object') return {};
  return 'a'.repeat(Math.max(1, schema.minLength ?? 1));
}

function wrongValue(schema: Schema): unknown {
  if (schema.type === 'string') return { $ne: null };
  if (schema.type === 'integer' || schema.type === 'number') return 'not-a-number';
  if (schema.type === 'boolean') return 'yes';
  if (schema.type === 'array') return 'not-an-array';
  return 12345;
}

function wrongQueryValue(schema: Schema): string {
  if (schema.enum?.length) return 'not-one-of-them';
  if (schema.type === 'integer' || schema.type === 'number') return 'not-a-number';
  if (schema.type === 'boolean') return 'maybe';
  return '%00';
}
