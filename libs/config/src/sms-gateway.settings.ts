import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches } from 'class-validator';
import { IsParsed, parsedOr } from './setting-transforms';
import { parseSmsTestNumbers, SmsTestNumbers } from './sms-settings.parsers';

/**
 * Settings of SMS delivery that belong to no one provider: test numbers, receipts and template
 * locales. Part of the one settings schema: `Environment` extends this class. The providers'
 * own settings, and SMS_PROVIDER and SMS_ROUTES which name them, live beside the adapters
 * (`@app/delivery`'s `DELIVERY_SETTINGS`).
 */

export abstract class SmsGatewaySettings {
  /** App-store review numbers with a fixed code and no SMS: `+8613800000000:123456,...`. */
  @Transform(parsedOr(parseSmsTestNumbers))
  @IsParsed('SMS_TEST_NUMBERS must look like +8613800000000:123456 (E.164 and 4 to 8 digits)')
  SMS_TEST_NUMBERS: SmsTestNumbers = {};

  /** Token delivery-receipt callbacks must carry (`?token=`); receipts are refused without it. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{16,128}$/, {
    message: 'SMS_RECEIPT_TOKEN must be 16 to 128 letters, digits, "_" or "-"',
  })
  SMS_RECEIPT_TOKEN?: string;

  /** Template locale when neither the request nor the phone's region picks one. */
  @IsString()
  @Matches(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|\d{3}))?$/, {
    message: 'SMS_DEFAULT_LOCALE must be a language tag such as zh-CN or en',
  })
  SMS_DEFAULT_LOCALE = 'zh-CN';
}
