import type { MessageChannel, SmsTemplateKind } from '@app/prisma';
import { TemplateInvalidError } from '../catalog.errors';
import {
  MAX_CALLER_VARIABLE_LENGTH,
  MAX_CODE_LENGTH,
  MAX_MESSAGE_LENGTH,
  MAX_SIGNATURE_LENGTH,
  MAX_TTL_MINUTES,
  isSystemVariable,
} from './template-limits';
import {
  ParsedTemplate,
  parseTemplate,
  renderTemplate,
  TemplateSyntaxError,
} from './template-syntax';
import { voiceTemplateProblems } from './voice-template-rules';

export interface TemplateDraft {
  name: string;
  kind: SmsTemplateKind;
  /** What it goes out on: an SMS (the default), or a call that reads it (voice rules). */
  channel?: MessageChannel;
  content: string;
}

/**
 * Opt-out texts a marketing template may end with (Chinese carriers require one):
 * `拒收请回复R`, `回T退订` / `回复TD退订` / `退订回T` / `退订请回复N`…, `Reply STOP to opt out`,
 * `Text STOP to unsubscribe`. Trailing punctuation is ignored.
 */
const OPT_OUT_ENDINGS = [
  /拒收请回复\s*R$/i,
  /回复?\s*(?:T|TD|N|R)\s*退订$/i,
  /退订请?回复?\s*(?:T|TD|N|R)$/i,
  /(?:reply|text)\s+STOP\s+to\s+(?:opt[\s-]?out|unsubscribe)$/i,
];
const TRAILING_PUNCTUATION = /[\s。.！!]+$/;

/**
 * Checks template content on save and returns it parsed. Problems are reported together:
 * placeholders that parse; `{{code}}` in verification templates and only there (`ttl` too);
 * an opt-out text at the end of marketing templates; no 【】 (carriers read it as a signature);
 * and a worst-case rendered length, with the longest signature, code and caller variables,
 * within 500 characters. A voice template is checked by the voice rules instead
 * (voice-template-rules.ts), `{{code}}` required as for every verification template.
 */
export function checkTemplateContent(draft: TemplateDraft, appName: string): ParsedTemplate {
  let template: ParsedTemplate;
  try {
    template = parseTemplate(draft.content);
  } catch (error) {
    if (error instanceof TemplateSyntaxError) {
      throw new TemplateInvalidError([{ field: 'content', message: error.message }]);
    }
    throw error;
  }
  const problems =
    draft.channel === 'voice'
      ? [
          ...placeholderProblems(draft.kind, template.variables),
          ...voiceTemplateProblems(draft, template, appName),
        ]
      : [
          ...placeholderProblems(draft.kind, template.variables),
          ...textProblems(draft),
          ...lengthProblems(draft, template, appName),
        ];
  if (problems.length > 0) {
    throw new TemplateInvalidError(problems.map((message) => ({ field: 'content', message })));
  }
  return template;
}

function placeholderProblems(kind: SmsTemplateKind, variables: readonly string[]): string[] {
  if (kind === 'verification') {
    return variables.includes('code') ? [] : ['A verification template must contain {{code}}'];
  }
  return variables
    .filter((name) => name === 'code' || name === 'ttl')
    .map((name) => `{{${name}}} exists only in verification templates`);
}

/** Whether the content ends with an opt-out text (required of marketing templates). */
export function hasOptOutText(content: string): boolean {
  const ending = content.replace(TRAILING_PUNCTUATION, '');
  return OPT_OUT_ENDINGS.some((pattern) => pattern.test(ending));
}

function textProblems(draft: TemplateDraft): string[] {
  const problems: string[] = [];
  if (/[【】]/.test(draft.content)) {
    problems.push('The content may not contain 【 or 】: the signature is added in front');
  }
  if (draft.kind === 'marketing' && !hasOptOutText(draft.content)) {
    problems.push('A marketing template must end with an opt-out text, e.g. 拒收请回复R');
  }
  return problems;
}

function lengthProblems(draft: TemplateDraft, template: ParsedTemplate, appName: string): string[] {
  const longestSignature = 'X'.repeat(MAX_SIGNATURE_LENGTH);
  const system: Record<string, string> = {
    code: '0'.repeat(MAX_CODE_LENGTH),
    ttl: String(MAX_TTL_MINUTES),
    name: appName,
    sign: longestSignature,
    template: draft.name,
  };
  const values = new Map(
    template.variables.map((name) => [
      name,
      isSystemVariable(name) ? system[name] : 'X'.repeat(MAX_CALLER_VARIABLE_LENGTH),
    ]),
  );
  const length = Array.from(`【${longestSignature}】${renderTemplate(template, values)}`).length;
  return length > MAX_MESSAGE_LENGTH
    ? [
        `With the longest signature, code and variables (${MAX_CALLER_VARIABLE_LENGTH} characters) ` +
          `the message would be ${length} characters; at most ${MAX_MESSAGE_LENGTH} are allowed`,
      ]
    : [];
}
