import { FlowStepError } from './flow-step.error';

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

function lookup(state: unknown, path: string): unknown {
  let value: unknown = state;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !(key in value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Fills `{{key}}` (or `{{a.b}}`) placeholders from the state: strings as they are, other values as
 * JSON. A placeholder the state does not have is an error (a silent empty string would send the
 * model a prompt with a hole in it).
 *
 * @example
 * renderTemplate('Summarize: {{doc.text}}', { doc: { text: 'Hi' } }); // 'Summarize: Hi'
 */
export function renderTemplate(template: string, state: unknown): string {
  return template.replace(PLACEHOLDER, (_match, path: string) => {
    const value = lookup(state, path);
    if (value === undefined) {
      throw new FlowStepError(
        'model',
        `The prompt template uses {{${path}}} but the state has no "${path}".`,
      );
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}
