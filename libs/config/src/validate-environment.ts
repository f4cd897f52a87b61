import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { Environment } from './environment';

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
 * Validates raw settings (usually `process.env`) once at start-up. Empty strings
 * count as unset, so `FOO=` in a compose file falls back to the default.
 */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const defined = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
  const environment = plainToInstance(Environment, defined, { exposeDefaultValues: true });
  const errors = validateSync(environment, { whitelist: false, skipMissingProperties: false });
  if (errors.length > 0) throw new InvalidConfigurationError(errors.map(describe));
  return environment;
}
