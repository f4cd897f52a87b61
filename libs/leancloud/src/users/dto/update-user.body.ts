import { IsOptional, IsString } from 'class-validator';
import { OptionalMobilePhoneNumber } from '../../http/phone-field';
import { GivenPassword, NewPassword } from './password-fields';
import { Username } from './username-field';

/**
 * `PUT /1.1/classes/_User/:id` (and `/1.1/users/:id`): the keys an SDK's `user.save()` sends
 * that this service keeps. Every other key (email, ACL, custom fields) is dropped, as at
 * sign-up. A key sent as `null` is left as it is.
 */
export class UpdateUserBody {
  @IsOptional()
  @Username()
  username?: string;

  @IsOptional()
  @NewPassword()
  password?: string;

  /** Not a LeanCloud key: the current password, for a client to change it here. */
  @IsOptional()
  @GivenPassword()
  old_password?: string;

  /** Only checked to be unchanged: phones change through the SMS routes. */
  @OptionalMobilePhoneNumber()
  mobilePhoneNumber?: string;
}

/** `?new=true` (JS SDK `fetchWhenSave`) or `?fetchWhenSave=true` (Python) asks for the whole user. */
export class SaveUserQuery {
  @IsOptional()
  @IsString()
  new?: string;

  @IsOptional()
  @IsString()
  fetchWhenSave?: string;
}
