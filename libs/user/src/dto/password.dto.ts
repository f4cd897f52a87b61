import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../passwords/password-hasher';
import { CodeField, NewPasswordField, PhoneField } from './fields';

export class ChangePasswordDto {
  @ApiProperty({ description: 'The current password', format: 'password' })
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  oldPassword: string;

  @NewPasswordField()
  newPassword: string;
}

export class PasswordResetDto {
  @PhoneField("The account's phone number")
  phone: string;

  @CodeField('reset_password')
  code?: string;

  @NewPasswordField()
  password: string;
}
