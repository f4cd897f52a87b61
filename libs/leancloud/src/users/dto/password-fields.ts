import { applyDecorators } from '@nestjs/common';
import { IsDefined, IsNotEmpty, IsString, Length, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@app/user';
import { leanCloudCode } from '../../http/leancloud-body';

const missing = leanCloudCode(201);

/** A password being checked: any length up to the maximum (old accounts had no minimum). */
export const GivenPassword = (): PropertyDecorator =>
  applyDecorators(
    IsDefined(missing),
    IsString(missing),
    IsNotEmpty(missing),
    MaxLength(PASSWORD_MAX_LENGTH),
  );

/** A password being set: the user module's length rule (107 with the rule otherwise). */
export const NewPassword = (): PropertyDecorator =>
  applyDecorators(
    IsDefined(missing),
    IsString(missing),
    IsNotEmpty(missing),
    Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
      message: `a password has ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
    }),
  );

/** An SMS code: missing or empty is LeanCloud's 603 like a wrong one. */
export const SmsCode = (): PropertyDecorator =>
  applyDecorators(
    IsDefined(leanCloudCode(603)),
    IsString(leanCloudCode(603)),
    IsNotEmpty(leanCloudCode(603)),
    MaxLength(16, leanCloudCode(603)),
  );
