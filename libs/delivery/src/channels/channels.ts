import type { Channel, MessageChannel } from './channel';
import { smsChannel } from './sms/sms-channel';
import { voiceChannel } from './voice/voice-channel';

/** The channels messages can be rendered for. */
const CHANNELS: Readonly<Partial<Record<MessageChannel, Channel>>> = {
  sms: smsChannel,
  voice: voiceChannel,
};

/** A channel by id. No template or request can name one not built yet: a bug if it happens. */
export function channelFor(id: MessageChannel): Channel {
  const channel = CHANNELS[id];
  if (channel === undefined) throw new Error(`The ${id} channel is not built yet`);
  return channel;
}
