import { IsDefined, IsNotEmpty, IsString, Matches } from 'class-validator';
import { USERNAME_PATTERN } from '@app/user';
import { leanCloudCode } from '../../http/leancloud-body';
import { MobilePhoneNumber } from '../../http/phone-field';
import { NewPassword } from './password-fields';

/**
 * `POST /1.1/users`. Accounts here are phone accounts, so `mobilePhoneNumber` is required
 * (212); other attributes (email, custom fields) have no place here and are dropped.
 */
export class SignUpBody {
  @IsDefined(leanCloudCode(200))
  @IsString(leanCloudCode(200))
  @IsNotEmpty(leanCloudCode(200))
  @Matches(USERNAME_PATTERN, {
    message:
      'a username has 3 to 32 letters, digits, "_", "." or "-", starting with a letter or digit',
  })
  username: string;

  @NewPassword()
  password: string;

  @MobilePhoneNumber()
  mobilePhoneNumber: string;
}
