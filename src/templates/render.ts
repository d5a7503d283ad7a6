// Logic-less rendering: Handlebars with only its built-in block helpers (if, unless, each, with),
// no custom helpers and no prototype access, so no code runs from a template.
import Handlebars from 'handlebars';
import { LeptonError } from '../errors.js';
import type { TemplateContext } from './context.js';

export function renderTemplate(source: string, context: TemplateContext, name: string): string {
  try {
    const template = Handlebars.compile(source, { noEscape: true, strict: true, knownHelpersOnly: true });
    return template(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  } catch (error) {
    throw new LeptonError(`template "${name}" failed to render: ${(error as Error).message.split('\n')[0]}`, {
      hint: 'fix the template; only {{name}}, {{#if}}, {{#unless}}, {{#each}} and {{#with}} are available',
      cause: error,
    });
  }
}
