import { MobilePhoneNumber } from '../../http/phone-field';
import { NewPassword } from './password-fields';
import { Username } from './username-field';

/**
 * `POST /1.1/users`. Accounts here are phone accounts, so `mobilePhoneNumber` is required
 * (212); other attributes (email, custom fields) have no place here and are dropped.
 */
export class SignUpBody {
  @Username()
  username: string;

  @NewPassword()
  password: string;

  @MobilePhoneNumber()
  mobilePhoneNumber: string;
}
