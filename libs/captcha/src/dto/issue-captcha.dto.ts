import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  CAPTCHA_DEFAULT_HEIGHT,
  CAPTCHA_DEFAULT_WIDTH,
  CAPTCHA_MAX_HEIGHT,
  CAPTCHA_MAX_WIDTH,
  CAPTCHA_MIN_HEIGHT,
  CAPTCHA_MIN_WIDTH,
} from '../image';
import { CaptchaChallenge } from '../providers/captcha-provider';

export class IssueCaptchaDto {
  @ApiPropertyOptional({
    description: 'Image width in pixels',
    default: CAPTCHA_DEFAULT_WIDTH,
    minimum: CAPTCHA_MIN_WIDTH,
    maximum: CAPTCHA_MAX_WIDTH,
    type: 'integer',
  })
  @IsOptional()
  @IsInt()
  @Min(CAPTCHA_MIN_WIDTH)
  @Max(CAPTCHA_MAX_WIDTH)
  width?: number;

  @ApiPropertyOptional({
    description: 'Image height in pixels',
    default: CAPTCHA_DEFAULT_HEIGHT,
    minimum: CAPTCHA_MIN_HEIGHT,
    maximum: CAPTCHA_MAX_HEIGHT,
    type: 'integer',
  })
  @IsOptional()
  @IsInt()
  @Min(CAPTCHA_MIN_HEIGHT)
  @Max(CAPTCHA_MAX_HEIGHT)
  height?: number;
}

export class CaptchaIssuedDto {
  @ApiProperty({
    description: 'Send it back with the answer to POST /v1/captcha/verify; one attempt only',
    example: 'b3JkZXItMTIzNDU2Nzg5MC1hYmNkZWZnaGlq',
  })
  captchaToken: string;

  @ApiProperty({
    description: 'The challenge as a PNG data URL, usable as an <img> src',
    example: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAGQAAAAo...',
  })
  image: string;

  @ApiProperty({ description: 'Seconds the captcha may be answered in', example: 120 })
  expiresIn: number;

  static from(challenge: CaptchaChallenge): CaptchaIssuedDto {
    return {
      captchaToken: challenge.captchaToken,
      image: `data:${challenge.image.mimeType};base64,${challenge.image.data.toString('base64')}`,
      expiresIn: challenge.expiresIn,
    };
  }
}
