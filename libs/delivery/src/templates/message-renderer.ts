import { MessageTooLongError, TemplateVariableMissingError } from '../catalog.errors';
import type { Channel, MessageChannel } from '../channels/channel';
import { MAX_MESSAGE_LENGTH } from './template-limits';
import { ParsedTemplate, renderTemplate } from './template-syntax';

export interface RenderedMessage {
  /** The channel it was rendered for, to send and record it on. */
  channel: MessageChannel;
  /** The message as the recipient gets it (SMS: `【signature】text`). */
  content: string;
  /** The template's variables with their values, in the order the template declares them. */
  variables: Array<[name: string, value: string]>;
}

/**
 * Fills a template: system variables first, then the caller's, written as the channel writes
 * them (voice spaces the code's digits), and gives it the channel's form (the SMS signature). Every placeholder must get a value (`TemplateVariableMissing`), and the
 * whole text, signature included, must stay within 500 characters.
 */
export function renderMessage(
  template: ParsedTemplate,
  input: {
    channel: Channel;
    signature: string;
    system: ReadonlyMap<string, string>;
    caller: ReadonlyMap<string, string>;
  },
): RenderedMessage {
  const values = new Map<string, string>();
  const missing: string[] = [];
  for (const name of template.variables) {
    const value = input.system.get(name) ?? input.caller.get(name);
    if (value === undefined) missing.push(name);
    else values.set(name, value);
  }
  if (missing.length > 0) throw new TemplateVariableMissingError(missing);

  const { channel } = input;
  const written = new Map(
    [...values].map(([name, value]) => [name, channel.spellValue(name, value)]),
  );
  const content = channel.present(renderTemplate(template, written), input.signature);
  const length = Array.from(content).length;
  if (length > MAX_MESSAGE_LENGTH) throw new MessageTooLongError(length, MAX_MESSAGE_LENGTH);
  // The variables keep their plain values: providers that read the code out take it as is.
  return { channel: channel.id, content, variables: [...values] };
}
