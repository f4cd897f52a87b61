import type { OutgoingSms } from './sms-provider';

/**
 * The digits of a voice code's message (its `code` variable), for providers that read the code
 * themselves (Tencent's `CodeMessage`, Aliyun's `TtsParam`): both take digits only.
 */
export function numericCode(sms: OutgoingSms): string | undefined {
  const code = sms.variables.find(([name]) => name === 'code')?.[1];
  return code !== undefined && /^\d+$/.test(code) ? code : undefined;
}
