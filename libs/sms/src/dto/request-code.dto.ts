import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { DEFAULT_SMS_PURPOSE, SMS_PURPOSES, SmsPurpose } from '../sms-purpose';

export class RequestCodeDto {
  @ApiProperty({
    example: '+8613800138000',
    description: 'E.164, country code without "+", or a national number of SMS_DEFAULT_REGION',
  })
  @IsString()
  @MaxLength(32)
  phone: string;

  @ApiPropertyOptional({ enum: SMS_PURPOSES, default: DEFAULT_SMS_PURPOSE })
  @IsOptional()
  @IsIn(SMS_PURPOSES)
  purpose: SmsPurpose = DEFAULT_SMS_PURPOSE;

  @ApiPropertyOptional({
    description:
      'From POST /v1/captcha/verify; good for one request. Required with SMS_REQUIRE_CAPTCHA, ' +
      'and past SMS_CAPTCHA_AFTER requests per IP per day',
    maxLength: 128,
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  validateToken?: string;
}

export class CodeSentDto {
  @ApiProperty({ description: 'Seconds the code stays valid', example: 600 })
  expiresIn: number;

  @ApiProperty({ description: 'Seconds until another code may be sent to this phone', example: 60 })
  retryAfter: number;
}
