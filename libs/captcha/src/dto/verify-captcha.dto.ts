import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** Turnstile's response tokens are at most 2048 characters; ours are 32. */
const MAX_CAPTCHA_TOKEN_LENGTH = 2048;

export class VerifyCaptchaDto {
  @ApiProperty({
    description:
      'From POST /v1/captcha; with a hosted captcha (CAPTCHA_PROVIDER=turnstile), the token its widget gave the client',
    maxLength: MAX_CAPTCHA_TOKEN_LENGTH,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_CAPTCHA_TOKEN_LENGTH)
  captchaToken: string;

  @ApiPropertyOptional({
    description: 'The characters in the image, any case. Required by the image captcha',
    example: 'K7XP',
    maxLength: 16,
  })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  answer?: string;
}

export class CaptchaVerifiedDto {
  @ApiProperty({
    description: 'Send it as validateToken with one POST /v1/sms/codes; good once',
    example: 'dmFsaWRhdGUtdG9rZW4tZXhhbXBsZS0xMjM0',
  })
  validateToken: string;

  @ApiProperty({ description: 'Seconds the validate token stays good', example: 300 })
  expiresIn: number;
}
