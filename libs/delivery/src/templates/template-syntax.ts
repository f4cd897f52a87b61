import { parse } from 'handlebars';

/** A template reduced to literal text and named placeholders: nothing else is allowed. */
export type TemplatePart = { text: string } | { variable: string };

export interface ParsedTemplate {
  readonly parts: readonly TemplatePart[];
  /** Placeholder names, each once, in order of first appearance (Tencent's {1}, {2}, …). */
  readonly variables: readonly string[];
}

/** The content is not a template we accept; the message says why, for the admin. */
export class TemplateSyntaxError extends Error {}

export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;

/**
 * Parses Handlebars text with Handlebars' own parser and accepts only literal text and
 * `{{name}}` / `{{{name}}}` placeholders. Blocks, helpers, partials, comments, paths
 * (`a.b`, `../a`, `this`), `@data` and literals are refused, so a template can only ever look
 * up a variable we supply: there is no helper to call and no prototype to reach. We render the
 * parts ourselves (`renderTemplate`), without HTML escaping: this is SMS text.
 */
export function parseTemplate(source: string): ParsedTemplate {
  let program: hbs.AST.Program;
  try {
    program = parse(source);
  } catch (error) {
    throw new TemplateSyntaxError(`The template does not parse: ${describeParseError(error)}`);
  }
  const parts: TemplatePart[] = [];
  for (const statement of program.body) parts.push(partOf(statement));
  const variables = [
    ...new Set(parts.flatMap((part) => ('variable' in part ? [part.variable] : []))),
  ];
  return { parts, variables };
}

/** The text with every placeholder replaced; `values` must hold each variable. */
export function renderTemplate(
  template: ParsedTemplate,
  values: ReadonlyMap<string, string>,
): string {
  return template.parts
    .map((part) => ('text' in part ? part.text : (values.get(part.variable) ?? '')))
    .join('');
}

function partOf(statement: hbs.AST.Statement): TemplatePart {
  if (statement.type === 'ContentStatement') {
    return { text: (statement as hbs.AST.ContentStatement).value };
  }
  if (statement.type === 'MustacheStatement') {
    const mustache = statement as hbs.AST.MustacheStatement;
    const name = simpleName(mustache);
    if (name !== undefined) return { variable: name };
  }
  const where = `line ${statement.loc.start.line}, column ${statement.loc.start.column + 1}`;
  throw new TemplateSyntaxError(
    `Only {{name}} placeholders are allowed (${where}): no blocks, helpers, partials, comments or paths`,
  );
}

function simpleName(mustache: hbs.AST.MustacheStatement): string | undefined {
  if (mustache.path.type !== 'PathExpression') return undefined;
  if (mustache.params.length > 0 || (mustache.hash?.pairs.length ?? 0) > 0) return undefined;
  const path = mustache.path as hbs.AST.PathExpression;
  const [name] = path.parts;
  const simple =
    !path.data && path.depth === 0 && path.parts.length === 1 && path.original === name;
  return simple && VARIABLE_NAME.test(name) ? name : undefined;
}

/** Handlebars' parse errors span lines (the position, a caret, what was expected). */
function describeParseError(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).split('\n');
  const summary = lines.length > 1 ? `${lines[0]} ${lines[lines.length - 1]}` : lines[0];
  return summary.replace(/\s+/g, ' ').slice(0, 300);
}
