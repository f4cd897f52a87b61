import type { SmsTemplate } from '@app/prisma';
import type { TemplateDto } from './dto/template.dto';
import { readProviderTemplateIds } from './provider-template-ids';
import { parseTemplate, TemplateSyntaxError } from './template-syntax';

/** A stored template as the admin API shows it, with its placeholders listed. */
export function toTemplateDto(template: SmsTemplate): TemplateDto {
  return {
    ...template,
    variables: variablesOf(template.content),
    providerTemplateIds: readProviderTemplateIds(template.providerTemplateIds),
  };
}

function variablesOf(content: string): string[] {
  try {
    return [...parseTemplate(content).variables];
  } catch (error) {
    // Content is checked on save; an unreadable row shows no variables rather than failing.
    if (error instanceof TemplateSyntaxError) return [];
    throw error;
  }
}
