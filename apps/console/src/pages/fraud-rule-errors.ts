import { ApiError } from '../api/client';

/** The fields of the add-rule form. */
export type RuleField = 'kind' | 'value' | 'note';

const FIELDS: readonly RuleField[] = ['kind', 'value', 'note'];

/** The error body of POST /v1/admin/fraud/rules: `field` on FraudRuleInvalid, `errors` on InValidParam. */
interface RuleErrorBody {
  code?: string;
  message?: string;
  field?: string;
  errors?: Array<{ field: string; message: string }>;
}

const isField = (name: string | undefined): name is RuleField => FIELDS.includes(name as RuleField);

/**
 * What the API said about the form, by field, as the form shows it under each input (the
 * service's message, which names the expected forms). An error of no field, or not of the
 * API, gives none: the page says it as a message instead.
 */
export function ruleFieldErrors(error: unknown): Array<{ name: RuleField; errors: string[] }> {
  if (!(error instanceof ApiError) || !error.body) return [];
  const body = error.body as RuleErrorBody;
  if (body.code === 'FraudRuleInvalid' || body.code === 'FraudRuleExists') {
    return [
      { name: isField(body.field) ? body.field : 'value', errors: [body.message ?? body.code] },
    ];
  }
  if (body.code !== 'InValidParam') return [];
  const byField = new Map<RuleField, string[]>();
  for (const entry of body.errors ?? []) {
    if (!isField(entry.field)) continue;
    byField.set(entry.field, [...(byField.get(entry.field) ?? []), entry.message]);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}
