import { Transform } from 'class-transformer';
import {
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidationOptions,
} from 'class-validator';
import {
  namesProvider,
  parseSmsRoutes,
  parseSmsTestNumbers,
  SmsRoutes,
  SmsTestNumbers,
} from './sms-settings.parsers';

/**
 * Settings of the real SMS gateways, routing, test numbers, receipts and template locales.
 * Part of the one settings schema: `Environment` extends this class.
 */

const usedBy = (provider: 'tencent' | 'aliyun') => (settings: object) =>
  namesProvider(settings, provider);

const requiredBy = (name: string, provider: string): ValidationOptions => ({
  message: `${name} is required by the ${provider} provider (named in SMS_PROVIDER or SMS_ROUTES)`,
});

const endpointUrl = (name: string) =>
  IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: `${name} must be an http(s) URL` },
  );

const parsedOr =
  <T>(parse: (text: string) => T | undefined) =>
  ({ value }: { value: unknown }): unknown =>
    typeof value === 'string' ? (parse(value) ?? value) : value;

/** The transform leaves a string in place when it could not parse it. */
const isParsed = (message: string): PropertyDecorator =>
  ValidateBy({
    name: 'isParsed',
    validator: {
      validate: (value: unknown) => typeof value === 'object' && value !== null,
      defaultMessage: () => message,
    },
  });

export abstract class SmsGatewaySettings {
  @ValidateIf(usedBy('tencent'))
  @IsString(requiredBy('TENCENT_SECRET_ID', 'tencent'))
  @MinLength(1, requiredBy('TENCENT_SECRET_ID', 'tencent'))
  TENCENT_SECRET_ID?: string;

  @ValidateIf(usedBy('tencent'))
  @IsString(requiredBy('TENCENT_SECRET_KEY', 'tencent'))
  @MinLength(1, requiredBy('TENCENT_SECRET_KEY', 'tencent'))
  TENCENT_SECRET_KEY?: string;

  /** `SmsSdkAppId`, e.g. `1400006666`. */
  @ValidateIf(usedBy('tencent'))
  @IsString(requiredBy('TENCENT_SMS_SDK_APP_ID', 'tencent'))
  @Matches(/^\d{1,20}$/, { message: 'TENCENT_SMS_SDK_APP_ID must be the digits of SmsSdkAppId' })
  TENCENT_SMS_SDK_APP_ID?: string;

  @IsString()
  @Matches(/^[a-z]+(-[a-z]+)+$/, { message: 'TENCENT_SMS_REGION must look like ap-guangzhou' })
  TENCENT_SMS_REGION = 'ap-guangzhou';

  /** Only to point the client elsewhere (tests, a proxy); the real endpoint by default. */
  @IsOptional()
  @endpointUrl('TENCENT_SMS_ENDPOINT')
  TENCENT_SMS_ENDPOINT?: string;

  @ValidateIf(usedBy('aliyun'))
  @IsString(requiredBy('ALIYUN_ACCESS_KEY_ID', 'aliyun'))
  @MinLength(1, requiredBy('ALIYUN_ACCESS_KEY_ID', 'aliyun'))
  ALIYUN_ACCESS_KEY_ID?: string;

  @ValidateIf(usedBy('aliyun'))
  @IsString(requiredBy('ALIYUN_ACCESS_KEY_SECRET', 'aliyun'))
  @MinLength(1, requiredBy('ALIYUN_ACCESS_KEY_SECRET', 'aliyun'))
  ALIYUN_ACCESS_KEY_SECRET?: string;

  @IsOptional()
  @endpointUrl('ALIYUN_SMS_ENDPOINT')
  ALIYUN_SMS_ENDPOINT?: string;

  /** Provider lists by phone region, e.g. `CN=tencent,aliyun;*=aliyun`; SMS_PROVIDER otherwise. */
  @Transform(parsedOr(parseSmsRoutes))
  @isParsed(
    'SMS_ROUTES must look like CN=tencent,aliyun;*=aliyun (ISO regions or *, known providers)',
  )
  SMS_ROUTES: SmsRoutes = {};

  /** App-store review numbers with a fixed code and no SMS: `+8613800000000:123456,...`. */
  @Transform(parsedOr(parseSmsTestNumbers))
  @isParsed('SMS_TEST_NUMBERS must look like +8613800000000:123456 (E.164 and 4 to 8 digits)')
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
