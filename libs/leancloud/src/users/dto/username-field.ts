import { applyDecorators } from '@nestjs/common';
import { IsDefined, IsNotEmpty, IsString, Matches } from 'class-validator';
import { USERNAME_PATTERN } from '@app/user';
import { leanCloudCode } from '../../http/leancloud-body';

/** A username being set: missing or empty is 200, one this service cannot keep is 107. */
export const Username = (): PropertyDecorator =>
  applyDecorators(
    IsDefined(leanCloudCode(200)),
    IsString(leanCloudCode(200)),
    IsNotEmpty(leanCloudCode(200)),
    Matches(USERNAME_PATTERN, {
      message:
        'a username has 3 to 32 letters, digits, "_", "." or "-", starting with a letter or digit',
    }),
  );
