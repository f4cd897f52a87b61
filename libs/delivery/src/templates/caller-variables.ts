import { FieldError, InvalidParamError } from '@app/common';
import {
  isSystemVariable,
  MAX_CALLER_VARIABLE_LENGTH,
  MAX_CALLER_VARIABLES,
  SYSTEM_VARIABLES,
} from './template-limits';
import { VARIABLE_NAME } from './template-syntax';

// Control characters (newlines included) and the signature brackets.
const FORBIDDEN_CHARACTERS = /[\p{Cc}【】]/u;

/**
 * Reads the variables a caller supplies for a template: an object of plain strings of 1 to
 * 35 characters, without 【 or 】 (they would forge a signature) or control characters. The
 * system variables (`code`, `ttl`, `name`, `sign`, `template`) cannot be set. Values are
 * returned in a Map, so no name can reach an object prototype.
 */
export function readCallerVariables(raw: unknown, field = 'variables'): Map<string, string> {
  if (raw === undefined || raw === null) return new Map();
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InvalidParamError(`Invalid parameters: ${field}`, [
      { field, message: `${field} must be an object of strings` },
    ]);
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  const errors: FieldError[] = [];
  if (entries.length > MAX_CALLER_VARIABLES) {
    errors.push({ field, message: `at most ${MAX_CALLER_VARIABLES} variables` });
  }
  const variables = new Map<string, string>();
  for (const [name, value] of entries.slice(0, MAX_CALLER_VARIABLES)) {
    const problem = problemOf(name, value);
    if (problem === undefined) variables.set(name, value as string);
    else errors.push({ field: `${field}.${name}`, message: problem });
  }
  if (errors.length > 0) {
    const fields = [...new Set(errors.map((error) => error.field))].join(', ');
    throw new InvalidParamError(`Invalid parameters: ${fields}`, errors);
  }
  return variables;
}

function problemOf(name: string, value: unknown): string | undefined {
  if (!VARIABLE_NAME.test(name)) {
    return 'a variable name is a letter or "_" followed by up to 31 letters, digits or "_"';
  }
  if (isSystemVariable(name)) {
    return `${SYSTEM_VARIABLES.join(', ')} are set by the service, not by callers`;
  }
  if (typeof value !== 'string') return 'must be a string';
  const length = Array.from(value).length;
  if (length < 1 || length > MAX_CALLER_VARIABLE_LENGTH) {
    return `must be 1 to ${MAX_CALLER_VARIABLE_LENGTH} characters`;
  }
  if (FORBIDDEN_CHARACTERS.test(value)) return 'may not contain 【, 】 or control characters';
  return undefined;
}
