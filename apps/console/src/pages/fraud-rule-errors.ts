import { apiFieldErrors, type FieldError } from '../api/field-errors';

/** The fields of the add-rule form. */
export type RuleField = 'kind' | 'value' | 'note';

const FIELDS: readonly RuleField[] = ['kind', 'value', 'note'];

/**
 * What the API said about the add-rule form (POST /v1/admin/fraud/rules), by field: a refused
 * or duplicate rule under the field its body names, else under the value.
 */
export function ruleFieldErrors(error: unknown): Array<FieldError<RuleField>> {
  return apiFieldErrors(error, FIELDS, { FraudRuleInvalid: 'value', FraudRuleExists: 'value' });
}
