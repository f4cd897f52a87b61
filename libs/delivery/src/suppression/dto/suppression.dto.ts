import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '@app/common';
import { SmsSuppressionReason } from '@app/prisma';
import { IsSignatureReference } from './signature-reference.dto';

export const SUPPRESSION_REASONS = Object.values(SmsSuppressionReason);

export class ListSuppressionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'main', description: 'The signature, by name or id' })
  @IsOptional()
  @IsSignatureReference()
  signature?: string;

  @ApiPropertyOptional({ example: '+8613800138000' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string;

  @ApiPropertyOptional({ enum: SUPPRESSION_REASONS })
  @IsOptional()
  @IsIn(SUPPRESSION_REASONS)
  reason?: SmsSuppressionReason;

  @ApiPropertyOptional({ description: 'ISO 8601; suppressed at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601; suppressed before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AddSuppressionDto {
  @ApiProperty({ example: 'main', description: 'The signature, by name or id' })
  @IsSignatureReference()
  signature: string;

  @ApiProperty({ example: '+8613800138000' })
  @IsString()
  @MaxLength(32)
  phone: string;
}

export class ImportSuppressionsQueryDto {
  @ApiProperty({ example: 'main', description: 'The signature, by name or id' })
  @IsSignatureReference()
  signature: string;
}

export class SuppressionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) signatureId: string;
  @ApiProperty({ example: 'main', description: "The signature's name" }) signature: string;
  @ApiProperty({ example: '+8613800138000' }) phone: string;
  @ApiProperty({ enum: SUPPRESSION_REASONS }) reason: SmsSuppressionReason;
  @ApiPropertyOptional({ format: 'uuid', description: 'The opt-out reply that added it' })
  replyId?: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SuppressionPageDto {
  @ApiProperty({ type: [SuppressionDto] }) items: SuppressionDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class RejectedRowDto {
  @ApiProperty({ description: 'Row of the file, the header being row 1', example: 3 }) row: number;
  @ApiProperty({ description: 'The phone cell as read', example: '12345' }) value: string;
  @ApiProperty({ example: 'PhoneInvalid', description: 'The error code a send would answer' })
  code: string;
  @ApiProperty({ example: 'Not a valid mobile phone number' }) reason: string;
}

export class ImportStoppedDto {
  @ApiProperty({ description: 'The first row not read' }) row: number;
  @ApiProperty({ example: 'The file is over 30 MB' }) reason: string;
}

export class SuppressionImportDto {
  @ApiProperty({ description: 'Rows with a readable phone' }) accepted: number;
  @ApiProperty({ description: 'Of those, entries added to the list' }) added: number;
  @ApiProperty({ description: 'Of those, already on the list (or twice in the file)' })
  alreadySuppressed: number;
  @ApiProperty() rejected: number;
  @ApiProperty({ type: [RejectedRowDto], description: 'The first 1000 rejected rows' })
  rejectedRows: RejectedRowDto[];
  @ApiPropertyOptional({
    type: ImportStoppedDto,
    description: 'Where the import stopped before the end of the file; the rows before it are in',
  })
  stopped?: ImportStoppedDto;
}
