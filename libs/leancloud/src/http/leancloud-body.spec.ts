import { IsOptional, IsString, MaxLength } from 'class-validator';
import { LeanCloudError } from '../errors/leancloud-error';
import { bodyObject, parseLeanCloudBody } from './leancloud-body';
import { MobilePhoneNumber } from './phone-field';

class PhoneBody {
  @MobilePhoneNumber()
  mobilePhoneNumber: string;

  @IsOptional()
  @IsString()
  @MaxLength(8)
  note?: string;
}

function failure(body: unknown): LeanCloudError {
  try {
    parseLeanCloudBody(PhoneBody, body);
  } catch (error) {
    if (error instanceof LeanCloudError) return error;
    throw error;
  }
  throw new Error('expected a LeanCloudError');
}

describe('bodyObject', () => {
  it('reads null and a missing body as {}', () => {
    expect(bodyObject(null)).toEqual({});
    expect(bodyObject(undefined)).toEqual({});
  });

  it.each([
    ['a string', 'x'],
    ['a number', 1],
    ['an array', []],
    ['true', true],
  ])('refuses %s with 107', (_case, body) => {
    expect(() => bodyObject(body)).toThrow(LeanCloudError);
  });
});

describe('parseLeanCloudBody', () => {
  it('keeps the declared fields and drops the others', () => {
    const body = parseLeanCloudBody(PhoneBody, { mobilePhoneNumber: '+8613800138000', x: 1 });
    expect(body).toEqual({ mobilePhoneNumber: '+8613800138000' });
  });

  it('answers the number a field declares', () => {
    expect(failure({}).code).toBe(212);
    expect(failure(null).code).toBe(212);
    expect(failure({ mobilePhoneNumber: '' }).code).toBe(212);
    expect(failure({ mobilePhoneNumber: 8613800138000 }).code).toBe(127);
    expect(failure({ mobilePhoneNumber: '1'.repeat(33) }).code).toBe(127);
  });

  it('answers 107 naming the problem for a field without its own number', () => {
    const error = failure({ mobilePhoneNumber: '+8613800138000', note: 'far too long' });
    expect(error.code).toBe(107);
    expect(error.message).toMatch(/note must be shorter than or equal to 8 characters/);
  });
});
