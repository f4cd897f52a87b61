import { channelFor } from '../channels';
import { voiceChannel } from './voice-channel';

describe('the voice channel', () => {
  it('reads the text out without a signature', () => {
    expect(voiceChannel.present('Your code is 1 2 3 4.', '腾讯云')).toBe('Your code is 1 2 3 4.');
  });

  it('spaces the code so it is read digit by digit, and leaves other values alone', () => {
    expect(voiceChannel.spellValue('code', '045678')).toBe('0 4 5 6 7 8');
    expect(voiceChannel.spellValue('code', '******')).toBe('* * * * * *');
    expect(voiceChannel.spellValue('ttl', '10')).toBe('10');
  });

  it('bills one unit per call, however long the text', () => {
    expect(voiceChannel.countUnits('x')).toBe(1);
    expect(voiceChannel.countUnits('验'.repeat(400))).toBe(1);
  });

  it('is the channel of voice templates', () => {
    expect(channelFor('voice')).toBe(voiceChannel);
  });
});
