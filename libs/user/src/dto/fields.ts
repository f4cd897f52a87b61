import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../passwords/password-hasher';
import { USERNAME_PATTERN } from '../users/username';

/** Optional, but when present it must be valid: unlike @IsOptional(), null is refused. */
export const OmittableOnly = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

export const PhoneField = (description = 'The phone number'): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      example: '+8613800138000',
      description: `${description}: E.164, country code without "+", or a national number of SMS_DEFAULT_REGION`,
    }),
    IsString(),
    MaxLength(32),
  );

/** Left to the SMS module to judge, so a missing or empty code answers MissingCode. */
export const CodeField = (purpose: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      example: '123456',
      description: `The code sent with purpose \`${purpose}\` (missing or empty: MissingCode)`,
      required: true,
    }),
    OmittableOnly(),
    IsString(),
    MaxLength(16),
  );

/**
 * A password being set. Its minimum is USER_PASSWORD_MIN_LENGTH, a run-time setting that
 * the services check (PasswordPolicy); the fixed maximum is checked here.
 */
export const NewPasswordField = (
  options: { required: boolean; description: string } = {
    required: true,
    description: 'The new password',
  },
): PropertyDecorator =>
  applyDecorators(
    (options.required ? ApiProperty : ApiPropertyOptional)({
      description: `${options.description}: USER_PASSWORD_MIN_LENGTH (8 unless set) to ${PASSWORD_MAX_LENGTH} characters`,
      maxLength: PASSWORD_MAX_LENGTH,
      format: 'password',
    }),
    ...(options.required ? [] : [OmittableOnly()]),
    IsString(),
    MaxLength(PASSWORD_MAX_LENGTH, {
      message: `a password has at most ${PASSWORD_MAX_LENGTH} characters`,
    }),
  );

export const UsernameConstraint = (): PropertyDecorator =>
  applyDecorators(
    IsString(),
    Matches(USERNAME_PATTERN, {
      message:
        'a username has 3 to 32 letters, digits, "_", "." or "-", and starts with a letter or digit',
    }),
  );

export const USERNAME_DESCRIPTION =
  'Unique regardless of case; 3 to 32 ASCII letters, digits, "_", "." or "-", starting with a letter or digit';
