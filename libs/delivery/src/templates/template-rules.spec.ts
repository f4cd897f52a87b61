import { TemplateInvalidError } from '../catalog.errors';
import { checkTemplateContent, TemplateDraft } from './template-rules';

function problemsOf(draft: Partial<TemplateDraft>): string[] {
  try {
    checkTemplateContent({ name: 'x', kind: 'verification', content: '', ...draft }, 'Demo');
  } catch (error) {
    if (error instanceof TemplateInvalidError) return error.errors.map((e) => e.message);
    throw error;
  }
  return [];
}

describe('checkTemplateContent', () => {
  it('returns the parsed template when every rule holds', () => {
    const template = checkTemplateContent(
      { name: 'login', kind: 'verification', content: '验证码{{code}}，{{ttl}}分钟内有效' },
      'Demo',
    );
    expect(template.variables).toEqual(['code', 'ttl']);
  });

  it('needs {{code}} in a verification template', () => {
    expect(problemsOf({ content: 'Welcome to {{name}}' })).toEqual([
      'A verification template must contain {{code}}',
    ]);
  });

  it.each(['code', 'ttl'])('refuses {{%s}} outside verification templates', (name) => {
    expect(problemsOf({ kind: 'notification', content: `x {{${name}}}` })).toEqual([
      `{{${name}}} exists only in verification templates`,
    ]);
  });

  it('reports a parse error as a content problem', () => {
    expect(problemsOf({ content: '{{#each x}}{{code}}{{/each}}' })[0]).toMatch(
      /Only \{\{name\}\} placeholders/,
    );
  });

  it('refuses the signature brackets in the content', () => {
    expect(problemsOf({ content: '【Other】{{code}}' })).toEqual([
      'The content may not contain 【 or 】: the signature is added in front',
    ]);
  });

  it.each([
    '新品上市，全场八折。拒收请回复R',
    '新品上市，全场八折，回T退订。',
    '新品上市，回复TD退订',
    '新品上市，退订回N',
    'New arrivals, 20% off. Reply STOP to opt out.',
    'New arrivals. Text STOP to unsubscribe',
  ])('accepts a marketing template ending with an opt-out: %s', (content) => {
    expect(problemsOf({ kind: 'marketing', content })).toEqual([]);
  });

  it.each(['新品上市，全场八折', '拒收请回复R。新品上市', 'Reply STOP to opt out. New arrivals'])(
    'refuses a marketing template without an opt-out at the end: %s',
    (content) => {
      expect(problemsOf({ kind: 'marketing', content })).toEqual([
        'A marketing template must end with an opt-out text, e.g. 拒收请回复R',
      ]);
    },
  );

  it('counts the worst case: longest signature (20) and 35-character variables', () => {
    // 【 + 20 + 】 = 22; {{code}} at 8 digits = 8; 470 characters of text = 500 in all.
    expect(problemsOf({ content: `{{code}}${'x'.repeat(470)}` })).toEqual([]);
    expect(problemsOf({ content: `{{code}}${'x'.repeat(471)}` })[0]).toMatch(/would be 501/);
    // Each caller variable counts as 35 characters.
    expect(problemsOf({ content: `{{code}}{{a}}${'x'.repeat(435)}` })).toEqual([]);
    expect(problemsOf({ content: `{{code}}{{a}}${'x'.repeat(436)}` })[0]).toMatch(/would be 501/);
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ kind: 'marketing', content: '【x】{{code}}' })).toHaveLength(3);
  });
});
