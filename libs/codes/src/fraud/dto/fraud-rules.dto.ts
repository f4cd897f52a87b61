import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export const FRAUD_RULE_KINDS = ['allow', 'deny'] as const;
export const FRAUD_RULE_MATCHES = ['cidr', 'country', 'prefix', 'number'] as const;
export const FRAUD_RULE_SOURCES = ['config', 'admin'] as const;

export class CreateFraudRuleDto {
  @ApiProperty({
    enum: FRAUD_RULE_KINDS,
    description: 'allow: always passes, uncounted; deny: refused',
  })
  @IsIn(FRAUD_RULE_KINDS)
  kind: 'allow' | 'deny';

  @ApiProperty({
    description:
      'One entry as SMS_FRAUD_ALLOW / SMS_FRAUD_DENY take them: an ISO country, an E.164 prefix or number, an IPv4 or IPv6 address or CIDR',
    example: '+86170',
  })
  @IsString()
  @MaxLength(64)
  value: string;

  @ApiProperty({ required: false, description: 'Why the rule is there', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  note?: string;
}

export class FraudRuleIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

export class FraudRuleDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description: "The admin rule's id; null for the configuration's",
  })
  id: string | null;
  @ApiProperty({
    enum: FRAUD_RULE_SOURCES,
    description:
      'config: SMS_FRAUD_ALLOW / SMS_FRAUD_DENY (read-only here); admin: made on this API',
  })
  source: (typeof FRAUD_RULE_SOURCES)[number];
  @ApiProperty({ enum: FRAUD_RULE_KINDS }) kind: (typeof FRAUD_RULE_KINDS)[number];
  @ApiProperty({ enum: FRAUD_RULE_MATCHES, description: 'What the value matches' })
  match: (typeof FRAUD_RULE_MATCHES)[number];
  @ApiProperty({ description: 'As the guard matches it: CN, +86170, 203.0.113.0/24' })
  value: string;
  @ApiProperty() note: string;
  @ApiProperty({ nullable: true, enum: ['session', 'api-key'], type: String })
  createdByKind: 'session' | 'api-key' | null;
  @ApiProperty({ nullable: true, type: String, description: "The admin's username then" })
  createdBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  createdAt: string | null;
}

export class FraudRulesDto {
  @ApiProperty({
    type: [FraudRuleDto],
    description: "The configuration's rules, then the admins', oldest first",
  })
  items: FraudRuleDto[];
}
