import { declareSettings } from './effective-settings';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { Environment } from './environment';
import { settingNames } from './settings-schema';
import type { SettingsOf, SettingsSchema } from './settings-schema';

export class InvalidConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidConfigurationError';
  }
}

function describe(error: ValidationError): string {
  const value = error.value === undefined ? 'missing' : 'invalid';
  const reasons = Object.values(error.constraints ?? {}).join('; ');
  return `${error.property} is ${value}: ${reasons}`;
}

/**
 * Validates raw settings (usually `process.env`) once at start-up: `Environment`, then each of
 * `sections` (settings other libraries own, e.g. `DELIVERY_SETTINGS` of `@app/delivery`), into
 * one object. A section sees the values of `Environment` and of the sections before it as
 * validated (lists parsed), so its rules can depend on them: a provider's credentials are
 * required when the routing section names the provider. Every problem of every part is
 * reported at once. Empty strings count as unset, so `FOO=` in a compose file falls back to
 * the default.
 */
export function validateEnvironment<const S extends readonly SettingsSchema[] = []>(
  raw: Record<string, unknown>,
  sections: S = [] as unknown as S,
): Environment & SettingsOf<S> {
  const defined = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
  const environment = plainToInstance(Environment, defined, { exposeDefaultValues: true });
  const problems = validateSync(environment, { whitelist: false, skipMissingProperties: false });
  for (const section of sections) {
    // The instance holds every raw value too (plainToInstance copies them), parsed where a
    // part before declared them.
    const settings = plainToInstance(section, { ...environment }, { exposeDefaultValues: true });
    problems.push(...validateSync(settings, { whitelist: false, skipMissingProperties: false }));
    Object.assign(environment, pick(settings, section));
  }
  if (problems.length > 0) throw new InvalidConfigurationError(problems.map(describe));
  declareSettings(environment, [Environment, ...sections]);
  return environment as Environment & SettingsOf<S>;
}

function pick(settings: object, schema: SettingsSchema): Record<string, unknown> {
  const values = settings as Record<string, unknown>;
  return Object.fromEntries(settingNames(schema).map((name) => [name, values[name]]));
}
