import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { ruleFieldErrors } from './fraud-rule-errors';

describe('ruleFieldErrors', () => {
  it('puts a refused value and a duplicate under the value field, with the service’s message', () => {
    const invalid = new ApiError(400, {
      code: 'FraudRuleInvalid',
      message: 'value must be one ISO 3166 country',
      field: 'value',
    } as never);
    expect(ruleFieldErrors(invalid)).toEqual([
      { name: 'value', errors: ['value must be one ISO 3166 country'] },
    ]);
    const exists = new ApiError(409, { code: 'FraudRuleExists', message: 'exists already' });
    expect(ruleFieldErrors(exists)).toEqual([{ name: 'value', errors: ['exists already'] }]);
  });

  it('gives each field of a validation error its messages, and drops fields the form has not', () => {
    const error = new ApiError(400, {
      code: 'InValidParam',
      message: 'Invalid parameters',
      errors: [
        { field: 'note', message: 'note must be shorter than or equal to 200 characters' },
        { field: 'kind', message: 'kind must be one of: allow, deny' },
        { field: 'extra', message: 'property extra should not exist' },
      ],
    } as never);
    expect(ruleFieldErrors(error)).toEqual([
      { name: 'note', errors: ['note must be shorter than or equal to 200 characters'] },
      { name: 'kind', errors: ['kind must be one of: allow, deny'] },
    ]);
  });

  it('gives nothing for other errors (the page shows them as a message)', () => {
    expect(ruleFieldErrors(new ApiError(403, { code: 'AdminRoleForbidden' }))).toEqual([]);
    expect(ruleFieldErrors(new Error('offline'))).toEqual([]);
  });
});
