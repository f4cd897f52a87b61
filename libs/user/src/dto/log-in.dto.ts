import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../passwords/password-hasher';
import { OmittableOnly, PhoneField } from './fields';

/** Exactly one of `password` and `code`. */
export class LogInDto {
  @PhoneField()
  phone: string;

  @ApiPropertyOptional({ description: 'Log in with the password…', format: 'password' })
  @OmittableOnly()
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  password?: string;

  @ApiPropertyOptional({
    description: '…or with a code sent with purpose `login` (empty: MissingCode)',
    example: '123456',
  })
  @OmittableOnly()
  @IsString()
  @MaxLength(16)
  code?: string;
}
