import { channelFor } from '../channels';
import { smsChannel } from './sms-channel';

describe('the sms channel', () => {
  it('puts the signature in brackets in front of the text', () => {
    expect(smsChannel.present('验证码123456', '腾讯云')).toBe('【腾讯云】验证码123456');
  });

  it('bills the presented text by segments, brackets and signature included', () => {
    const text = '验'.repeat(66);
    expect(smsChannel.countUnits(smsChannel.present(text, '签名'))).toBe(1);
    expect(smsChannel.countUnits(smsChannel.present(`${text}证`, '签名'))).toBe(2);
  });

  it('is the channel of sms templates', () => {
    expect(channelFor('sms')).toBe(smsChannel);
  });

  it('writes every value, the code included, as it is', () => {
    expect(smsChannel.spellValue('code', '123456')).toBe('123456');
  });
});
