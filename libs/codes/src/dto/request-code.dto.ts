import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCatalogName } from '@app/delivery';
import { CODE_CHANNELS, CodeChannel } from '@app/delivery';
import { DEFAULT_SMS_PURPOSE, SMS_PURPOSES, SmsPurpose } from '@app/delivery';

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
    enum: CODE_CHANNELS,
    default: 'sms',
    description:
      'sms, or voice: a call that reads the code out (400 ChannelNotAvailable where no voice ' +
      'provider can call the phone)',
  })
  @IsOptional()
  @IsIn(CODE_CHANNELS)
  channel: CodeChannel = 'sms';

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

  @ApiPropertyOptional({
    example: 'en',
    description: "Template locale; else from the phone's region, else SMS_DEFAULT_LOCALE",
  })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  locale?: string;

  @ApiPropertyOptional({
    example: 'login_code',
    description: 'A verification template by name; else the approved one for the purpose',
  })
  @IsOptional()
  @IsCatalogName()
  template?: string;

  @ApiPropertyOptional({ example: 'main', description: 'A signature by name; else the default' })
  @IsOptional()
  @IsCatalogName()
  signature?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: 35 },
    example: { app: 'Shop' },
    description:
      'Variables of the template: strings of 1 to 35 characters without 【】. code, ttl, ' +
      'name, sign and template are set by the service',
  })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}

export class CodeSentDto {
  @ApiProperty({ description: 'Seconds the code stays valid', example: 600 })
  expiresIn: number;

  @ApiProperty({ description: 'Seconds until another code may be sent to this phone', example: 60 })
  retryAfter: number;
}
