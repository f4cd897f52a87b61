import { parseTemplate } from '../templates/template-syntax';

/**
 * The built-in verification text, used for a purpose while no approved verification template
 * exists for it, so a fresh install sends codes out of the box (through providers that send
 * free text: console and webhook). Tencent and Aliyun send only templates they approved.
 */
export const BUILT_IN_VERIFICATION_TEMPLATE = parseTemplate(
  'Your verification code is {{code}}. It expires in {{ttl}} minutes.',
);

/**
 * The built-in text of a voice code, read out while no voice template is approved for the
 * purpose: digits only besides the words (the voice channel spaces them), no signature, no link.
 */
export const BUILT_IN_VOICE_VERIFICATION_TEMPLATE = parseTemplate(
  'Your verification code is {{code}}. Again, your code is {{code}}.',
);

/** The `template` system variable of the built-in text. */
export const BUILT_IN_TEMPLATE_NAME = 'default';

export function maskCode(code: string): string {
  return '*'.repeat(code.length);
}
