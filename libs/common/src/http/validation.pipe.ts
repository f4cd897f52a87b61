import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, InvalidParamError } from '../errors/common.errors';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Whitelisting, rejecting unknown fields, and no implicit conversion: a number
 * where a string is expected is an error, not a coercion.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      const fields = [...new Set(fieldErrors.map((e) => e.field))].join(', ');
      return new InvalidParamError(`Invalid parameters: ${fields}`, fieldErrors);
    },
  });
}
