import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { FRAUD_KEY_KINDS, type FraudKeyKind } from '@app/config';

export class FraudDecisionsQueryDto {
  @ApiPropertyOptional({ description: 'E.164', example: '+8613800138000' })
  @IsOptional()
  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'phone must be E.164' })
  phone?: string;

  @ApiPropertyOptional({ description: 'ISO 3166 alpha-2 region', example: 'CN' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166 alpha-2 code' })
  country?: string;

  @ApiPropertyOptional({ description: 'ISO 8601, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601, exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'The `next` of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'before must be a decision id' })
  before?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;
}

export class FraudDecisionDto {
  @ApiProperty({ description: 'Decision id (the newest is the largest)' }) id: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() phone: string;
  @ApiProperty() country: string;
  @ApiProperty({ description: 'The number without its last 4 digits' }) prefix: string;
  @ApiProperty() clientIp: string;
  @ApiProperty({
    description:
      'What tripped: country, range, prefix, ip, network, ip-countries, or rule (SMS_FRAUD_DENY)',
  })
  keyKind: string;
  @ApiProperty({ description: 'Its value (the country, the range, the address...)' })
  keyValue: string;
  @ApiProperty({
    description: 'Unverified codes of the key in 24 hours (countries, for ip-countries)',
  })
  unverified: number;
  @ApiProperty({ description: "The key's daily budget (the limit, for ip-countries)" })
  budget: number;
  @ApiProperty({ enum: ['challenge', 'block', 'deny'] }) action: string;
  @ApiProperty({ enum: ['refused', 'captcha_solved', 'recorded'] }) outcome: string;
}

export class FraudDecisionsDto {
  @ApiProperty({ type: [FraudDecisionDto] }) items: FraudDecisionDto[];
  @ApiProperty({ nullable: true, type: String, description: '`before` for the next page' })
  next: string | null;
}

export const FRAUD_STATES = ['ok', 'watched', 'challenged', 'blocked'] as const;
export type FraudState = (typeof FRAUD_STATES)[number];

export class FraudKeyOverviewDto {
  @ApiProperty({ description: 'The country (ISO), range or prefix' }) value: string;
  @ApiProperty({ description: 'Codes sent in the last 24 hours' }) sent: number;
  @ApiProperty({ description: 'Of those, verified' }) verified: number;
  @ApiProperty({ nullable: true, type: Number, description: 'verified / sent; null without sends' })
  conversion: number | null;
  @ApiProperty({ description: 'Unverified codes in the last 24 hours' }) unverified: number;
  @ApiProperty({ description: 'The daily budget of unverified codes' }) budget: number;
  @ApiProperty({
    enum: FRAUD_STATES,
    description: 'ok; watched (half the budget used); challenged (over it); blocked',
  })
  state: FraudState;
}

export class FraudOverviewDto {
  @ApiProperty({ type: [FraudKeyOverviewDto] }) countries: FraudKeyOverviewDto[];
  @ApiProperty({ type: [FraudKeyOverviewDto], description: 'Carrier ranges' })
  ranges: FraudKeyOverviewDto[];
  @ApiProperty({ type: [FraudKeyOverviewDto], description: 'Number prefixes' })
  prefixes: FraudKeyOverviewDto[];
}

export class FraudClearDto {
  @ApiProperty({ enum: FRAUD_KEY_KINDS })
  @IsIn(FRAUD_KEY_KINDS)
  kind: FraudKeyKind;

  @ApiProperty({ description: 'The key as the overview or a decision shows it', example: '+86170' })
  @IsString()
  @MaxLength(64)
  value: string;
}

export class FraudClearedDto {
  @ApiProperty({ description: 'Unverified codes given back' }) cleared: number;
}
