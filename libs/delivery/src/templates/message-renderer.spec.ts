import { MessageTooLongError, TemplateVariableMissingError } from '../catalog.errors';
import { smsChannel } from '../channels/sms/sms-channel';
import { voiceChannel } from '../channels/voice/voice-channel';
import { renderMessage } from './message-renderer';
import { parseTemplate } from './template-syntax';

const system = new Map([
  ['code', '123456'],
  ['ttl', '10'],
  ['name', 'Demo'],
]);

describe('renderMessage', () => {
  it('puts the signature in front and lists variables in declared order (positional mapping)', () => {
    const template = parseTemplate('{{ttl}}分钟内有效：{{code}}（{{shop}}）');
    const message = renderMessage(template, {
      channel: smsChannel,
      signature: '腾讯云',
      system,
      caller: new Map([['shop', '旗舰店']]),
    });
    expect(message.content).toBe('【腾讯云】10分钟内有效：123456（旗舰店）');
    // Tencent sends these values as {1}, {2}, {3}, in this order.
    expect(message.variables).toEqual([
      ['ttl', '10'],
      ['code', '123456'],
      ['shop', '旗舰店'],
    ]);
  });

  it('reads a voice text out: no signature, the code digit by digit, its plain value kept', () => {
    const template = parseTemplate('Your code is {{code}}, valid {{ttl}} minutes.');
    const message = renderMessage(template, {
      channel: voiceChannel,
      signature: '腾讯云',
      system,
      caller: new Map(),
    });
    expect(message).toEqual({
      channel: 'voice',
      content: 'Your code is 1 2 3 4 5 6, valid 10 minutes.',
      // Providers that read the code themselves take the digits as they are.
      variables: [
        ['code', '123456'],
        ['ttl', '10'],
      ],
    });
  });

  it('gives system variables precedence over a caller value of the same name', () => {
    const message = renderMessage(parseTemplate('{{code}}'), {
      channel: smsChannel,
      signature: 'S',
      system,
      caller: new Map([['code', '000000']]),
    });
    expect(message.content).toBe('【S】123456');
  });

  it('names every missing variable', () => {
    const render = () =>
      renderMessage(parseTemplate('{{code}} {{a}} {{b}}'), {
        channel: smsChannel,
        signature: 'S',
        system,
        caller: new Map([['b', 'x']]),
      });
    expect(render).toThrow(TemplateVariableMissingError);
    expect(render).toThrow('The template needs these variables: a');
  });

  it('leaves out unused caller variables', () => {
    const message = renderMessage(parseTemplate('Hi'), {
      channel: smsChannel,
      signature: 'S',
      system,
      caller: new Map([['unused', 'x']]),
    });
    expect(message.variables).toEqual([]);
  });

  it('refuses a message over 500 characters, signature included', () => {
    const long = (length: number) => () =>
      renderMessage(parseTemplate('x'.repeat(length)), {
        channel: smsChannel,
        signature: 'S',
        system,
        caller: new Map(),
      });
    expect(long(497)().content).toHaveLength(500);
    expect(long(498)).toThrow(MessageTooLongError);
  });
});
