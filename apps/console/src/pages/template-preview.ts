import { countSegments } from '../../../../libs/delivery/src/channels/sms/segments';
import {
  isSystemVariable,
  MAX_CALLER_VARIABLE_LENGTH,
  MAX_MESSAGE_LENGTH,
} from '../../../../libs/delivery/src/templates/template-limits';

/** `{{name}}` placeholders, as the service's template syntax writes them. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** What the service fills in itself, with lengths like its own (a 6-digit code, 5 minutes). */
const SYSTEM_SAMPLES: Record<string, string> = { code: '123456', ttl: '5' };

export interface TemplatePreview {
  /** The message as a phone shows it: 【signature】 then the text. */
  text: string;
  characters: number;
  segments: number;
  /** Placeholders in order of first appearance. */
  variables: string[];
  /** Those the sender passes (not code, ttl, name, sign, template). */
  callerVariables: string[];
  tooLong: boolean;
}

/**
 * The rendered message with its billing segments, counted by the service's own function
 * (libs/delivery, Chinese carriers' 70/67 rule). Caller variables without a sample value are
 * shown at their longest allowed length, so the count is the worst case.
 */
export function previewTemplate(
  content: string,
  options: { signature: string; appName: string; samples?: Record<string, string> },
): TemplatePreview {
  const variables: string[] = [];
  for (const match of content.matchAll(PLACEHOLDER)) {
    if (!variables.includes(match[1])) variables.push(match[1]);
  }
  const values: Record<string, string> = {
    ...SYSTEM_SAMPLES,
    name: options.appName,
    sign: options.signature,
    template: '',
  };
  const body = content.replace(PLACEHOLDER, (_, name: string) => {
    if (isSystemVariable(name)) return values[name] ?? '';
    return options.samples?.[name] || '＊'.repeat(MAX_CALLER_VARIABLE_LENGTH);
  });
  const text = `【${options.signature}】${body}`;
  const characters = Array.from(text).length;
  return {
    text,
    characters,
    segments: countSegments(text),
    variables,
    callerVariables: variables.filter((name) => !isSystemVariable(name)),
    tooLong: characters > MAX_MESSAGE_LENGTH,
  };
}
