import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { DEFAULT_SMS_PURPOSE, SMS_PURPOSES, SmsPurpose } from '@app/delivery';

export class VerifyCodeDto {
  @ApiProperty({ example: '+8613800138000' })
  @IsString()
  @MaxLength(32)
  phone: string;

  @ApiPropertyOptional({ example: '123456', description: 'Missing or empty: MissingCode' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  code?: string;

  @ApiPropertyOptional({ enum: SMS_PURPOSES, default: DEFAULT_SMS_PURPOSE })
  @IsOptional()
  @IsIn(SMS_PURPOSES)
  purpose: SmsPurpose = DEFAULT_SMS_PURPOSE;
}

export class CodeVerifiedDto {
  @ApiProperty({ example: true })
  verified: true;
}
