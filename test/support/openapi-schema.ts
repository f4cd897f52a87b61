/**
 * A JSON Schema check for the subset our OpenAPI document uses (`$ref`, `allOf`, `oneOf`,
 * `anyOf`, `type`, `nullable`, `enum`, `required`, `properties`, `additionalProperties`,
 * `items`, `minimum`, `maxLength`), enough to hold an answer against its documented schema.
 */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
}

export interface SchemaDocument {
  components?: { schemas?: Record<string, Schema> };
}

/** The schema a `$ref` names (only local `#/components/schemas/...` references). */
export function resolveSchema(document: SchemaDocument, schema: Schema): Schema {
  let current = schema;
  for (let depth = 0; current.$ref !== undefined && depth < 16; depth++) {
    const name = current.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`Unresolved schema reference ${current.$ref}`);
    current = target;
  }
  return current;
}

/** What is off the schema in `value`, one line per problem (empty when it matches). */
export function schemaViolations(
  document: SchemaDocument,
  schema: Schema,
  value: unknown,
  at = 'body',
): string[] {
  const resolved = resolveSchema(document, schema);
  const problems: string[] = [];
  for (const part of resolved.allOf ?? [])
    problems.push(...schemaViolations(document, part, value, at));
  for (const [keyword, alternatives] of [
    ['oneOf', resolved.oneOf],
    ['anyOf', resolved.anyOf],
  ] as const) {
    if (alternatives === undefined) continue;
    const misses = alternatives.map((part) => schemaViolations(document, part, value, at));
    if (!misses.some((miss) => miss.length === 0))
      problems.push(
        `${at} matches none of ${keyword}: ${misses.map((m) => m.join('; ')).join(' | ')}`,
      );
  }
  if (value === null) {
    if (resolved.type !== undefined && !resolved.nullable) problems.push(`${at} is null`);
    return problems;
  }
  if (resolved.enum !== undefined && !resolved.enum.includes(value))
    problems.push(`${at} is ${JSON.stringify(value)}, not one of ${JSON.stringify(resolved.enum)}`);
  if (resolved.type !== undefined && !hasType(value, resolved.type)) {
    problems.push(`${at} is ${JSON.stringify(value)}, not of type ${resolved.type}`);
    return problems;
  }
  if (typeof value === 'number' && resolved.minimum !== undefined && value < resolved.minimum)
    problems.push(`${at} is below ${resolved.minimum}`);
  if (Array.isArray(value) && resolved.items !== undefined) {
    value.forEach((item, index) =>
      problems.push(
        ...schemaViolations(document, resolved.items as Schema, item, `${at}[${index}]`),
      ),
    );
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const name of resolved.required ?? []) {
      if (!(name in record)) problems.push(`${at}.${name} is missing`);
    }
    for (const [name, item] of Object.entries(record)) {
      const property = resolved.properties?.[name];
      if (property !== undefined) {
        problems.push(...schemaViolations(document, property, item, `${at}.${name}`));
      } else if (resolved.additionalProperties === false) {
        problems.push(`${at}.${name} is not in the schema`);
      }
    }
  }
  return problems;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}
