import { settingNames, SettingsSchema } from './settings-schema';

/** A setting's name says it is a secret (a key, a token, a password, a provider's secret). */
const SECRET_NAME = /KEY|SECRET|TOKEN|PASSWORD|PASSPHRASE|CREDENTIAL|PRIVATE/;

export const MASKED = '***';

export interface EffectiveSetting {
  name: string;
  /** As the service uses it, secrets masked; null when unset. */
  value: string | null;
  secret: boolean;
}

const declaredNames = new WeakMap<object, string[]>();

/** Remembers which settings the schemas declare (the environment also holds every raw variable). */
export function declareSettings(environment: object, schemas: readonly SettingsSchema[]): void {
  declaredNames.set(environment, [...new Set(schemas.flatMap(settingNames))].sort());
}

/** The effective configuration, for the admin console's settings page: read only, secrets masked. */
export class EffectiveSettings {
  constructor(private readonly environment: object) {}

  list(): EffectiveSetting[] {
    const values = this.environment as Record<string, unknown>;
    return (declaredNames.get(this.environment) ?? []).map((name) => {
      const secret = SECRET_NAME.test(name);
      return { name, secret, value: shown(values[name], secret) };
    });
  }
}

function shown(value: unknown, secret: boolean): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (secret) return MASKED;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return withoutUrlPassword(text);
}

/** `redis://user:pass@host` → `redis://user:***@host`: connection URLs carry passwords. */
function withoutUrlPassword(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@/\s]+@/i, `$1${MASKED}@`);
}
