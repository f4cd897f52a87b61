import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '@app/common';
import { AdminAuditEntry } from '@app/prisma';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the changes of this named admin' })
  @IsOptional()
  @IsUUID()
  adminId?: string;

  @ApiPropertyOptional({
    example: '/v1/admin/accounts/:id',
    description: 'Only this route pattern',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  route?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this time on (inclusive)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this time (exclusive)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ enum: ['api-key', 'session'] }) actor: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) adminId: string | null;
  @ApiProperty({ nullable: true, type: String }) adminUsername: string | null;
  @ApiProperty() method: string;
  @ApiProperty({ description: 'The route pattern' }) route: string;
  @ApiProperty({ description: 'The path as called' }) path: string;
  @ApiProperty({ nullable: true, type: String }) objectId: string | null;
  @ApiProperty({ description: 'The answer’s status' }) status: number;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Secrets masked',
  })
  requestBody: unknown;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The answer (secrets masked)',
  })
  responseBody: unknown;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The changed object before the change (secrets masked); null for a creation',
  })
  before: unknown;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The changed object after the change (secrets masked); null once deleted',
  })
  after: unknown;
  @ApiProperty() clientIp: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export function toAuditEntryDto(entry: AdminAuditEntry): AuditEntryDto {
  return { ...entry };
}
