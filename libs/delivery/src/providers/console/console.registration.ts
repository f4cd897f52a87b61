import { defineProvider } from '../provider-definition';
import { ConsoleSmsProvider } from './console.provider';

/** Development only: writes messages to the log. No settings. */
export const consoleProvider = defineProvider({
  name: 'console',
  create: () => new ConsoleSmsProvider(),
});

/** Development only: writes the words a voice-code call would read to the log. */
export const consoleVoiceProvider = defineProvider({
  name: 'console',
  create: () => new ConsoleSmsProvider('voice'),
});
