import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { SmsReviewStatus } from '@app/prisma';
import { PageQueryDto } from '@app/common';

// DTO pieces shared by the signature and template admin routes.

export const REVIEW_STATUSES = Object.values(SmsReviewStatus);

/** Names callers refer to: letters (any script), digits, `_`, `.`, `-`; 1 to 64 characters. */
export const CATALOG_NAME = /^[\p{L}\p{N}_.-]{1,64}$/u;
export const CATALOG_NAME_MESSAGE =
  'name must be 1 to 64 letters, digits, "_", "." or "-" (no spaces)';

const PLAIN_LINE = /^[^\p{Cc}]*$/u;
const PLAIN_LINES = /^(?:[^\p{Cc}]|\n)*$/u;

/** Text without control characters (PostgreSQL cannot store NUL); `\n` where `multiline`. */
export const IsPlainText = (multiline = false): PropertyDecorator =>
  Matches(multiline ? PLAIN_LINES : PLAIN_LINE, {
    message: multiline
      ? '$property may not contain control characters other than line breaks'
      : '$property may not contain control characters',
  });

/** A purpose: a code purpose (`login`) or a label (`order_shipped`). */
export const PURPOSE_LABEL = /^[a-z][a-z0-9_]{0,39}$/;

export class IdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

export class RejectDto {
  @ApiProperty({ description: 'Why the carriers refused it', example: '签名与企业名称不符' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @IsPlainText(true)
  reason: string;
}

export class CatalogPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REVIEW_STATUSES })
  @IsOptional()
  @IsIn(REVIEW_STATUSES)
  status?: SmsReviewStatus;
}

export const IsCatalogName = (): PropertyDecorator =>
  applyDecorators(IsString(), Matches(CATALOG_NAME, { message: CATALOG_NAME_MESSAGE }));
