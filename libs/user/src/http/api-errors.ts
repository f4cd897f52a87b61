import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

/** The body of every error answer (see AppExceptionFilter). */
export class ErrorBodyDto {
  @ApiProperty({ example: 409 }) statusCode: number;
  @ApiProperty({ example: 'PhoneTaken', description: 'Stable; script against it' }) code: string;
  @ApiProperty({ example: 'An account with this phone number exists already' }) message: string;
}

/** What a route that takes a code may answer with 400, besides its own checks. */
export const CODE_ERRORS = ['MissingCode', 'CodeIsError', 'CodeHasExpired', 'CodeHasValid'];

/** Documents a route's error answers by status, naming the codes each may carry. */
export const ApiErrors = (errors: Record<number, string[]>): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ...Object.entries(errors).map(([status, codes]) =>
      ApiResponse({ status: Number(status), description: codes.join(', '), type: ErrorBodyDto }),
    ),
  );
