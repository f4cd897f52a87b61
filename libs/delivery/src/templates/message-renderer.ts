import { MessageTooLongError, TemplateVariableMissingError } from '../catalog.errors';
import { MAX_MESSAGE_LENGTH } from './template-limits';
import { ParsedTemplate, renderTemplate } from './template-syntax';

export interface RenderedMessage {
  /** `【signature】text`, as the phone shows it. */
  content: string;
  /** The template's variables with their values, in the order the template declares them. */
  variables: Array<[name: string, value: string]>;
}

/**
 * Fills a template: system variables first, then the caller's. Every placeholder must get a
 * value (`TemplateVariableMissing`), and the whole text, signature included, must stay within
 * 500 characters.
 */
export function renderMessage(
  template: ParsedTemplate,
  input: {
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

  const content = `【${input.signature}】${renderTemplate(template, values)}`;
  const length = Array.from(content).length;
  if (length > MAX_MESSAGE_LENGTH) throw new MessageTooLongError(length, MAX_MESSAGE_LENGTH);
  return { content, variables: [...values] };
}
