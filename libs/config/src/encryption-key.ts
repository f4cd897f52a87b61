import { ValidateBy } from 'class-validator';

const HEX_KEY = /^[0-9a-f]{64}$/i;
/** 32 bytes in base64 are 43 characters and one `=`; URL-safe letters and no padding accepted. */
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * A 32-byte key (AES-256) written as 64 hex digits or as base64 (`openssl rand -base64 32`);
 * undefined when the text is neither.
 */
export function decodeAes256Key(text: string): Buffer | undefined {
  if (HEX_KEY.test(text)) return Buffer.from(text, 'hex');
  if (!BASE64_KEY.test(text)) return undefined;
  const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === 32 ? key : undefined;
}

/** The setting is a 32-byte key in hex or base64. */
export const IsAes256Key = (): PropertyDecorator =>
  ValidateBy({
    name: 'isAes256Key',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && decodeAes256Key(value) !== undefined,
      defaultMessage: (args) =>
        `${args?.property ?? 'The key'} must be 32 bytes: 64 hex digits or base64 ` +
        '(openssl rand -base64 32)',
    },
  });
