import { resolveSchema, Schema, schemaViolations } from './openapi-schema';

/** An answer the app gave: the route pattern Fastify matched (undefined when none did). */
export interface RecordedResponse {
  method: string;
  route: string | undefined;
  status: number;
  /** The parsed JSON body of error answers (>= 400); undefined otherwise. */
  body?: unknown;
  /** The suite and test that caused it, to find it again. */
  test?: string;
}

export interface OpenApiResponse {
  description?: string;
  content?: Record<string, { schema?: Schema }>;
}

export interface OpenApiOperation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses: Record<string, OpenApiResponse>;
  security?: Array<Record<string, string[]>>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** The statuses whose answers are not a bug: a provider's refusal and an outage. */
const DOCUMENTED_SERVER_ERRORS = new Set([502, 503]);

/**
 * The routes the document is about. `/1.1` speaks LeanCloud's protocol and is left out of the
 * document on purpose (ApiExcludeController); `/docs` serves the document itself; an unmatched
 * URL has no route to document (a 404 of the framework).
 */
export function inContract(route: string | undefined): route is string {
  if (route === undefined) return false;
  return !/^\/(1\.1|docs)([/-]|$)/.test(route);
}

/** `/v1/x/:id` (Fastify's pattern) as `/v1/x/{id}` (OpenAPI's). */
export function openApiPath(route: string): string {
  const path = route.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  return path.length > 1 ? path.replace(/\/$/, '') : path;
}

export function operationOf(
  document: OpenApiDocument,
  method: string,
  route: string,
): OpenApiOperation | undefined {
  return document.paths[openApiPath(route)]?.[method.toLowerCase()];
}

/** JSON schema of a documented answer, if it has one. */
export function responseSchema(response: OpenApiResponse): Schema | undefined {
  return response.content?.['application/json']?.schema;
}

/**
 * Why an answer breaks the contract, or nothing: its route or status undocumented, a server
 * error (5xx other than 502 and 503), or an error body off the documented schema.
 */
export function contractViolations(document: OpenApiDocument, answer: RecordedResponse): string[] {
  if (!inContract(answer.route)) return [];
  const where = `${answer.method} ${answer.route} ${answer.status}`;
  const problems: string[] = [];
  if (answer.status >= 500 && !DOCUMENTED_SERVER_ERRORS.has(answer.status))
    problems.push(`${where}: server error ${JSON.stringify(answer.body)}`);
  const operation = operationOf(document, answer.method, answer.route);
  if (!operation) return [...problems, `${where}: the route is not in the document`];
  const response = operation.responses[String(answer.status)];
  if (!response) return [...problems, `${where}: status not documented for this route`];
  if (answer.status < 400) return problems;
  const schema = responseSchema(response);
  if (!schema) return [...problems, `${where}: error response documented without a schema`];
  const off = schemaViolations(document, schema, answer.body);
  if (off.length > 0) problems.push(`${where}: ${off.join('; ')}`);
  return problems;
}

/** Every documented error response names its codes (the schema's `code` enum). */
export function documentedCodes(document: OpenApiDocument, response: OpenApiResponse): string[] {
  const schema = responseSchema(response);
  if (!schema) return [];
  const codes: string[] = [];
  const walk = (part: Schema): void => {
    const resolved = resolveSchema(document, part);
    const code = resolved.properties?.code;
    if (code?.enum) codes.push(...(code.enum as string[]));
    for (const child of [
      ...(resolved.allOf ?? []),
      ...(resolved.oneOf ?? []),
      ...(resolved.anyOf ?? []),
    ])
      if (child.$ref === undefined) walk(child);
  };
  walk(schema);
  return [...new Set(codes)];
}
