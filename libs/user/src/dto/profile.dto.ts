import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../passwords/password-hasher';
import {
  CodeField,
  OmittableOnly,
  PhoneField,
  USERNAME_DESCRIPTION,
  UsernameConstraint,
} from './fields';

export class UpdateProfileDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: `${USERNAME_DESCRIPTION}. null removes it; leaving it out keeps it`,
    example: 'alice',
  })
  @IsOptional()
  @UsernameConstraint()
  username?: string | null;
}

export class VerifyPhoneDto {
  @CodeField('verify_phone')
  code?: string;
}

export class ChangePhoneDto {
  @PhoneField('The new phone number, which no account may have')
  phone: string;

  @CodeField('change_phone')
  code?: string;

  @ApiPropertyOptional({
    description:
      'Required when the account has a password: that password (wrong: WrongPassword, counted like log-in guesses)',
    format: 'password',
  })
  @OmittableOnly()
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  currentPassword?: string;

  @ApiPropertyOptional({
    description:
      'Required when the account has no password: a code sent to the current phone with purpose `change_phone_confirm`',
    example: '654321',
  })
  @OmittableOnly()
  @IsString()
  @MaxLength(16)
  currentPhoneCode?: string;
}
