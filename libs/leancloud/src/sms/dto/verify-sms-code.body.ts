import { MobilePhoneNumber } from '../../http/phone-field';

/**
 * `POST /1.1/verifySmsCode/:code`. Codes are kept per phone, so the phone is required
 * (SDKs send it when the app passes it; 212 otherwise).
 */
export class VerifySmsCodeBody {
  @MobilePhoneNumber()
  mobilePhoneNumber: string;
}
