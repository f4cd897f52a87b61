import { TemplateInvalidError } from '../catalog.errors';
import { checkTemplateContent, TemplateDraft } from './template-rules';

function voiceProblems(draft: Partial<TemplateDraft>): string[] {
  try {
    checkTemplateContent(
      { name: 'call', kind: 'verification', channel: 'voice', content: '', ...draft },
      'Demo',
    );
  } catch (error) {
    if (error instanceof TemplateInvalidError) return error.errors.map((e) => e.message);
    throw error;
  }
  return [];
}

describe('voice template rules', () => {
  it('takes a text that reads the code, its validity and the app name', () => {
    expect(
      voiceProblems({ content: '{{name}}验证码{{code}}，{{ttl}}分钟内有效。再说一遍：{{code}}' }),
    ).toEqual([]);
  });

  it('needs {{code}}, and a verification kind', () => {
    expect(voiceProblems({ content: 'Hello from {{name}}' })).toEqual([
      'A verification template must contain {{code}}',
    ]);
    expect(voiceProblems({ kind: 'notification', content: 'Your parcel is here' })).toEqual([
      'A voice template is a verification template: a call reads a code only',
    ]);
  });

  it.each(['sign', 'template', 'order'])('refuses {{%s}}, which is not read out', (name) => {
    expect(voiceProblems({ content: `Code {{code}} {{${name}}}` })).toEqual([
      `{{${name}}} cannot be read out: a voice template takes only {{code}}, {{ttl}}, {{name}}`,
    ]);
  });

  it('refuses a signature and a link', () => {
    expect(voiceProblems({ content: '【示例】验证码{{code}}' })).toEqual([
      'A voice template has no signature: the content may not contain 【 or 】',
    ]);
    expect(voiceProblems({ content: 'Code {{code}}, see https://x.test' })).toEqual([
      'A voice template may not contain a link',
    ]);
    expect(voiceProblems({ content: 'Code {{code}}, see example.com' })).toEqual([
      'A voice template may not contain a link',
    ]);
  });

  it('refuses a text longer than 350 characters once the longest code is spelled out', () => {
    // 8 digits spelled are 15 characters: 336 + 15 = 351.
    expect(voiceProblems({ content: `${'验'.repeat(336)}{{code}}` })).toEqual([
      'Read out with the longest code the text would be 351 characters; at most 350 are allowed',
    ]);
    expect(voiceProblems({ content: `${'验'.repeat(335)}{{code}}` })).toEqual([]);
  });

  it('leaves SMS templates to the SMS rules: caller variables are fine there', () => {
    expect(() =>
      checkTemplateContent(
        { name: 'sms', kind: 'verification', channel: 'sms', content: '{{code}} {{order}}' },
        'Demo',
      ),
    ).not.toThrow();
  });
});
