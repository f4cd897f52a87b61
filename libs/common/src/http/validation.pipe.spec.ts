import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { InvalidParamError } from '../errors/common.errors';
import type { DtoClass } from './compiled-body-check';
import { createUncompiledValidationPipe, createValidationPipe } from './validation.pipe';

const PURPOSES = ['login', 'signup'] as const;

class CodeRequest {
  @IsString()
  @MaxLength(8)
  phone: string;

  @IsOptional()
  @IsIn(PURPOSES)
  purpose: (typeof PURPOSES)[number] = 'login';

  @IsOptional()
  @IsInt()
  @Min(1)
  count?: number;

  @IsOptional()
  @IsBoolean()
  voice?: boolean;

  @IsOptional()
  @Matches(/^[a-z_]+$/)
  template?: string;
}

const IsEven = () =>
  ValidateBy({ name: 'isEven', validator: { validate: (value) => Number(value) % 2 === 0 } });

class WithConditionAndCustomRule {
  @IsIn(['a', 'b'])
  kind: string;

  @ValidateIf((object: WithConditionAndCustomRule) => object.kind === 'b')
  @IsEven()
  size?: number;
}

class Inner {
  @IsString()
  name: string;
}

class WithNested {
  @ValidateNested()
  @Type(() => Inner)
  inner: Inner;
}

class WithUndecoratedDefault {
  @IsString()
  name: string;

  internal = 'set by the class';
}

const body = (metatype: DtoClass): ArgumentMetadata => ({
  type: 'body',
  metatype: metatype as never,
});

/** The answer of a pipe: the instance it made, or the error it threw. */
async function outcome(pipe: ValidationPipe, value: unknown, metadata: ArgumentMetadata) {
  try {
    const result = (await pipe.transform(value, metadata)) as object;
    return { constructor: result.constructor, fields: { ...result } };
  } catch (error) {
    if (!(error instanceof InvalidParamError)) throw error;
    return { code: error.code, message: error.message, errors: error.errors };
  }
}

describe('the validation pipe', () => {
  const compiled = createValidationPipe();
  const reference = createUncompiledValidationPipe();
  const superTransform = jest.spyOn(ValidationPipe.prototype, 'transform');
  const tookFallback = () =>
    superTransform.mock.contexts.filter((pipe) => pipe === compiled).length;
  beforeEach(() => superTransform.mockClear());

  it.each<[string, DtoClass, unknown]>([
    ['a valid body with a default left to the class', CodeRequest, { phone: '123' }],
    [
      'every field set',
      CodeRequest,
      { phone: '1', purpose: 'signup', count: 2, voice: false, template: 'a_b' },
    ],
    ['a null optional field', CodeRequest, { phone: '1', count: null }],
    ['a field too long', CodeRequest, { phone: '123456789' }],
    ['a number for a string', CodeRequest, { phone: 123 }],
    ['a value outside the list', CodeRequest, { phone: '1', purpose: 'other' }],
    ['a default explicitly nulled', CodeRequest, { phone: '1', purpose: null }],
    ['an unknown field', CodeRequest, { phone: '1', extra: 1 }],
    ['a missing required field', CodeRequest, {}],
    ['a pattern not matched', CodeRequest, { phone: '1', template: 'A' }],
    ['an integer below the minimum', CodeRequest, { phone: '1', count: 0 }],
    ['a nested object where a string is expected', CodeRequest, { phone: { a: 1 } }],
    ['an array where a string is expected', CodeRequest, { phone: ['1'] }],
    ['an array for the body', CodeRequest, [{ phone: '1' }]],
    ['a string for the body', CodeRequest, 'phone'],
    ['no body', CodeRequest, undefined],
    ['null for the body', CodeRequest, null],
    ['a constructor key', CodeRequest, JSON.parse('{"phone":"1","constructor":{"a":1}}')],
    ['a __proto__ key', CodeRequest, JSON.parse('{"phone":"1","__proto__":{"a":1}}')],
    ['a condition that skips a rule', WithConditionAndCustomRule, { kind: 'a', size: 3 }],
    [
      'a condition that applies a custom rule, passed',
      WithConditionAndCustomRule,
      { kind: 'b', size: 4 },
    ],
    [
      'a condition that applies a custom rule, failed',
      WithConditionAndCustomRule,
      { kind: 'b', size: 3 },
    ],
    ['a nested class, valid', WithNested, { inner: { name: 'x' } }],
    ['a nested class, invalid', WithNested, { inner: { name: 1 } }],
    ['a class field without rules', WithUndecoratedDefault, { name: 'x' }],
  ])('answers %s as ValidationPipe does', async (_case, metatype, value) => {
    const copy = () => (value === undefined ? undefined : structuredClone(value));
    const expected = await outcome(reference, copy(), body(metatype));
    expect(await outcome(compiled, copy(), body(metatype))).toEqual(expected);
  });

  it('makes the instance of a valid flat body without ValidationPipe', async () => {
    const dto = await compiled.transform({ phone: '1', count: 3 }, body(CodeRequest));
    expect(dto).toBeInstanceOf(CodeRequest);
    expect(dto).toEqual(Object.assign(new CodeRequest(), { phone: '1', count: 3 }));
    expect(tookFallback()).toBe(0);
  });

  it('leaves an invalid body, a nested class and a query to ValidationPipe', async () => {
    await expect(compiled.transform({ phone: 1 }, body(CodeRequest))).rejects.toThrow(
      InvalidParamError,
    );
    await compiled.transform({ inner: { name: 'x' } }, body(WithNested));
    await compiled.transform({ phone: '1' }, { type: 'query', metatype: CodeRequest });
    expect(tookFallback()).toBe(3);
  });
});
