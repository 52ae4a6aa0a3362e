// Handlebars in strict mode (a missing variable is an error, not an empty string) and without
// HTML escaping (these are config files, not pages). Templates are read once per process.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

export const templatesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');

const hbs = Handlebars.create();
const compiled = new Map<string, Handlebars.TemplateDelegate>();

export function renderTemplate(name: string, context: object): string {
  let template = compiled.get(name);
  if (!template) {
    const source = readFileSync(join(templatesDir, name), 'utf8');
    template = hbs.compile(source, { strict: true, noEscape: true });
    compiled.set(name, template);
  }
  try {
    return template(context);
  } catch (err) {
    throw new Error(`template ${name}: ${(err as Error).message}`);
  }
}
