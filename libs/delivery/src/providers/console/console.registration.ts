import { defineProvider } from '../provider-definition';
import { ConsoleSmsProvider } from './console.provider';

/** Development only: writes messages to the log. No settings. */
export const consoleProvider = defineProvider({
  name: 'console',
  create: () => new ConsoleSmsProvider(),
});
