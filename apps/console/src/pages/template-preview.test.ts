import { describe, expect, it } from 'vitest';
import { previewTemplate } from './template-preview';

describe('previewTemplate', () => {
  it('renders the system variables and counts one segment up to 70 characters', () => {
    const preview = previewTemplate('您的验证码是{{code}}，{{ ttl }}分钟内有效。', {
      signature: '腾讯云',
      appName: 'Demo',
    });
    expect(preview.text).toBe('【腾讯云】您的验证码是123456，5分钟内有效。');
    expect(preview.characters).toBe(25);
    expect(preview.segments).toBe(1);
    expect(preview.variables).toEqual(['code', 'ttl']);
    expect(preview.callerVariables).toEqual([]);
  });

  it('counts caller variables at their longest unless given, in parts of 67 past 70', () => {
    const content = '订单{{order}}已发货，{{name}}感谢您的支持';
    const worst = previewTemplate(content, { signature: '示例', appName: 'Demo' });
    expect(worst.callerVariables).toEqual(['order']);
    // 4 + 2 + 35 + 4 + 4 + 6 = 55 characters: one message.
    expect(worst.characters).toBe(55);
    expect(worst.segments).toBe(1);
    const long = previewTemplate(content.repeat(2), { signature: '示例', appName: 'Demo' });
    expect(long.characters).toBe(106);
    expect(long.segments).toBe(2);
    const given = previewTemplate(content, {
      signature: '示例',
      appName: 'Demo',
      samples: { order: 'A-1' },
    });
    expect(given.text).toBe('【示例】订单A-1已发货，Demo感谢您的支持');
  });

  it('flags a message longer than the service accepts', () => {
    const preview = previewTemplate('长'.repeat(500), { signature: '示例', appName: 'Demo' });
    expect(preview.tooLong).toBe(true);
    expect(preview.segments).toBe(Math.ceil(504 / 67));
  });
});
