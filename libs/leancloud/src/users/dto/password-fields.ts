import { applyDecorators } from '@nestjs/common';
import { IsDefined, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '@app/user';
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

/**
 * A password being set. Its minimum (USER_PASSWORD_MIN_LENGTH) is a run-time setting the user
 * module's services check (107 with the rule); the fixed maximum is checked here.
 */
export const NewPassword = (): PropertyDecorator =>
  applyDecorators(
    IsDefined(missing),
    IsString(missing),
    IsNotEmpty(missing),
    MaxLength(PASSWORD_MAX_LENGTH, {
      message: `a password has at most ${PASSWORD_MAX_LENGTH} characters`,
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
