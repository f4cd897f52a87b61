import type { JsonObject } from '../http/leancloud-body';

/**
 * Keys of `requestSmsCode` that are not template variables. `name` and `ttl` are LeanCloud's
 * system variables, filled here by the service (APP_NAME, SMS_CODE_TTL_MINUTES); `op` stays a
 * variable, as in LeanCloud's default text ("进行{{op}}操作").
 */
const NOT_VARIABLES = new Set([
  'mobilePhoneNumber',
  'smsType',
  'template',
  'sign',
  'name',
  'ttl',
  'validate_token',
]);

/**
 * The template variables of a `requestSmsCode` body: every other key, as LeanCloud read
 * them. Numbers and booleans become text; anything else is left for the SMS module's checks
 * to refuse (107).
 */
export function templateVariables(body: JsonObject): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (NOT_VARIABLES.has(name)) continue;
    variables[name] =
      typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  }
  return variables;
}
