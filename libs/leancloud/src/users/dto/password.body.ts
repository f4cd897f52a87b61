import { OptionalMobilePhoneNumber } from '../../http/phone-field';
import { GivenPassword, NewPassword } from './password-fields';

/** `PUT /1.1/resetPasswordBySmsCode/:code`: SDK 4.15.2 leaves the phone out. */
export class ResetPasswordBody {
  @NewPassword()
  password: string;

  @OptionalMobilePhoneNumber()
  mobilePhoneNumber?: string;
}

/** `PUT /1.1/users/:id/updatePassword`. */
export class UpdatePasswordBody {
  @GivenPassword()
  old_password: string;

  @NewPassword()
  new_password: string;
}

/** `POST /1.1/verifyMobilePhone/:code`: SDK 4.15.2 sends `null`; later ones the phone. */
export class VerifyMobilePhoneBody {
  @OptionalMobilePhoneNumber()
  mobilePhoneNumber?: string;
}
