import { Controller, Get, Post } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import {
  InvalidParamError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../errors/common.errors';
import { ApiErrors } from './api-errors.decorator';
import { readErrorResponse } from './error-response.schema';

interface Entry {
  description: string;
  schema: unknown;
}

@ApiErrors(UnauthorizedError)
@Controller('example')
class ExampleController {
  @Post()
  @ApiErrors(InvalidParamError, { 400: ['CodeIsError'], 409: ['PhoneTaken'] })
  @ApiErrors(TooManyRequestsError)
  create(): void {}

  @Get()
  read(): void {}
}

const responsesOf = (handler: () => void): Record<string, Entry> =>
  Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) as Record<string, Entry>;

describe('ApiErrors', () => {
  it('groups codes by the status their class carries, adding up several declarations', () => {
    const responses = responsesOf(ExampleController.prototype.create);
    expect(Object.keys(responses).sort()).toEqual(['400', '401', '409', '429']);
    expect(readErrorResponse(responses['400'].schema)).toEqual({
      codes: ['CodeIsError', 'InValidParam'],
      retryAfter: false,
    });
    expect(responses['400'].description).toBe('Codes: CodeIsError, InValidParam');
    expect(readErrorResponse(responses['409'].schema)?.codes).toEqual(['PhoneTaken']);
  });

  it('promises retryAfter only for codes whose class carries it', () => {
    const responses = responsesOf(ExampleController.prototype.create);
    expect(readErrorResponse(responses['429'].schema)).toEqual({
      codes: ['TooManyRequests'],
      retryAfter: true,
    });
  });

  it('on a class, applies to each of its routes', () => {
    expect(readErrorResponse(responsesOf(ExampleController.prototype.read)['401'].schema)).toEqual({
      codes: ['Unauthorized'],
      retryAfter: false,
    });
  });
});
