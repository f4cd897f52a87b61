import type { SmsTemplateKind } from '@app/prisma';
import { spellDigits } from '../channels/voice/voice-channel';
import { MAX_CODE_LENGTH, MAX_TTL_MINUTES } from './template-limits';
import { ParsedTemplate, renderTemplate } from './template-syntax';

/** Placeholders a call may read: the code and its validity (digits), and the app's own name. */
export const VOICE_VARIABLES = ['code', 'ttl', 'name'] as const;
/** Longest text read out, the code spelled digit by digit (Tencent's TTS voice limit). */
export const MAX_VOICE_TEXT_LENGTH = 350;

/** A link or a bare domain: nobody can follow one in a call, and carriers flag it. */
const LINK = /\b(?:https?:\/\/|www\.)|\b[a-z0-9-]+\.(?:com|cn|net|org|io|app|me|top|xyz|co)\b/i;

export interface VoiceTemplateDraft {
  kind: SmsTemplateKind;
  content: string;
}

/**
 * The voice channel's rules: a call reads a verification code, so a voice template is a
 * verification template; it reads digits only (`{{code}}`, `{{ttl}}`) and the app's name, no
 * caller variable (whose text could be anything) and no `{{sign}}`; it has no signature (no
 * 【】) and no link; and its text, the code spelled out, is at most 350 characters.
 */
export function voiceTemplateProblems(
  draft: VoiceTemplateDraft,
  template: ParsedTemplate,
  appName: string,
): string[] {
  const problems: string[] = [];
  if (draft.kind !== 'verification') {
    problems.push('A voice template is a verification template: a call reads a code only');
  }
  for (const name of template.variables) {
    if (!(VOICE_VARIABLES as readonly string[]).includes(name)) {
      problems.push(
        `{{${name}}} cannot be read out: a voice template takes only ` +
          VOICE_VARIABLES.map((variable) => `{{${variable}}}`).join(', '),
      );
    }
  }
  if (/[【】]/.test(draft.content)) {
    problems.push('A voice template has no signature: the content may not contain 【 or 】');
  }
  if (LINK.test(draft.content)) problems.push('A voice template may not contain a link');
  const values = new Map<string, string>([
    ['code', spellDigits('0'.repeat(MAX_CODE_LENGTH))],
    ['ttl', String(MAX_TTL_MINUTES)],
    ['name', appName],
  ]);
  const length = Array.from(renderTemplate(template, values)).length;
  if (length > MAX_VOICE_TEXT_LENGTH) {
    problems.push(
      `Read out with the longest code the text would be ${length} characters; at most ` +
        `${MAX_VOICE_TEXT_LENGTH} are allowed`,
    );
  }
  return problems;
}
