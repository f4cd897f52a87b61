import type { Channel } from '../channel';
import { countSegments } from './segments';

/** A text message: `【signature】text`, billed by segments of 70/67 characters. */
export const smsChannel: Channel = {
  id: 'sms',
  present: (text, signature) => `【${signature}】${text}`,
  spellValue: (_name, value) => value,
  countUnits: countSegments,
};
