import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { PASSWORD_MAX_LENGTH, USERNAME_PATTERN } from '@app/user';
import { ADMIN_PASSWORD_MIN_LENGTH } from './admin-password-length';

export const AdminUsernameField = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      example: 'alice',
      description: '3-32 ASCII letters, digits, _ . -; unique without regard to case',
    }),
    IsString(),
    Matches(USERNAME_PATTERN, { message: 'username must be 3-32 letters, digits, _ . or -' }),
  );

/** A new password (setup, create, reset). */
export const NewAdminPasswordField = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      format: 'password',
      minLength: ADMIN_PASSWORD_MIN_LENGTH,
      maxLength: PASSWORD_MAX_LENGTH,
    }),
    IsString(),
    Length(ADMIN_PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH),
  );
