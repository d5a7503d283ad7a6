// Where templates come from: the built-in ones shipped in the package's templates/<lang>/ and a
// project's own in .lepton/templates/<lang>/, which override built-ins of the same name.
import { readdir, readFile, stat } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, type Language, type Manifest } from '../manifest/schema.js';
import { LeptonError, usageError } from '../errors.js';
import { realPathInside } from '../manifest/paths.js';
import { KEBAB_CASE } from '../manifest/kinds.js';

export const TEMPLATE_SUFFIX = '.md.hbs';
/** Templates of data files that documents refer to (the ML Test Score's scores): rendered to docs/<name>.yaml. */
export const YAML_TEMPLATE_SUFFIX = '.yaml.hbs';

export type TemplateFormat = 'md' | 'yaml';
export const PROJECT_TEMPLATES_DIR = '.lepton/templates';

export type TemplateOrigin = 'built-in' | 'project';

export interface TemplateFile {
  name: string;
  language: Language;
  origin: TemplateOrigin;
  /** What it renders: a Markdown document, or a YAML file. */
  format: TemplateFormat;
  /** Absolute path of the .md.hbs (or .yaml.hbs) file (for a template built into the standalone file, its path in lepton's sources). */
  file: string;
  /** The template's text, when it is built into the running file instead of read from `file`. */
  text?: string | undefined;
  /** For a project template: the project root its file must stay inside, symlinks resolved. */
  root?: string;
}

export interface TemplateListing {
  name: string;
  /** Ids of the manifest's phases that list it. */
  phases: string[];
  languages: Language[];
  /** Languages available built in, and those the project provides (overriding built-ins of the same language). */
  builtIn: Language[];
  project: Language[];
}

// The standalone build (the file `lepton vendor` copies into a project) has no templates/ folder
// beside it: the build inlines the built-in templates, keyed `<lang>/<name>.md.hbs`.
declare const __LEPTON_BUILT_IN_TEMPLATES__: Record<string, string> | undefined;
const EMBEDDED_TEMPLATES = typeof __LEPTON_BUILT_IN_TEMPLATES__ === 'object' ? __LEPTON_BUILT_IN_TEMPLATES__ : undefined;

let packageRootCache: string | undefined;

/**
 * The folder of the installed lepton package: walked up from this module, which is
 * src/templates/ in development and dist/ (the bundle, dist/lepton.cjs) once built.
 */
export function packageRoot(): string {
  if (packageRootCache) return packageRootCache;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'lepton') {
          packageRootCache = dir;
          return dir;
        }
      } catch {
        // An unreadable package.json of some other package: keep walking up.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the lepton package folder above its own code');
    dir = parent;
  }
}

export function builtInTemplatesDir(): string {
  return path.join(packageRoot(), 'templates');
}

export function isTemplateName(name: string): boolean {
  return KEBAB_CASE.test(name);
}

/** Every template file under `dir/<lang>/`, for the languages lepton knows. */
async function templatesIn(dir: string, origin: TemplateOrigin, root?: string): Promise<TemplateFile[]> {
  const found: TemplateFile[] = [];
  for (const language of LANGUAGES) {
    const folder = path.join(dir, language);
    const entries = await readdir(folder).catch(() => [] as string[]);
    for (const entry of entries.sort()) {
      const format: TemplateFormat | undefined = entry.endsWith(TEMPLATE_SUFFIX) ? 'md' : entry.endsWith(YAML_TEMPLATE_SUFFIX) ? 'yaml' : undefined;
      if (!format) continue;
      const name = entry.slice(0, -(format === 'md' ? TEMPLATE_SUFFIX : YAML_TEMPLATE_SUFFIX).length);
      if (!isTemplateName(name)) continue;
      const file = path.join(folder, entry);
      if (
        await stat(file).then(
          (info) => info.isFile(),
          () => false,
        )
      )
        found.push({ name, language, origin, format, file, ...(root !== undefined && { root }) });
    }
  }
  return found;
}

/** The built-in templates inlined in the standalone build, in the order templatesIn lists files. */
function embeddedTemplates(embedded: Record<string, string>): TemplateFile[] {
  const found: TemplateFile[] = [];
  for (const language of LANGUAGES) {
    for (const key of Object.keys(embedded)
      .filter((each) => each.startsWith(`${language}/`))
      .sort()) {
      const format: TemplateFormat | undefined = key.endsWith(TEMPLATE_SUFFIX) ? 'md' : key.endsWith(YAML_TEMPLATE_SUFFIX) ? 'yaml' : undefined;
      if (!format) continue;
      const name = key.slice(language.length + 1, -(format === 'md' ? TEMPLATE_SUFFIX : YAML_TEMPLATE_SUFFIX).length);
      found.push({ name, language, origin: 'built-in', format, file: path.join('templates', key), text: embedded[key] });
    }
  }
  return found;
}

/** All template files visible to the project at `root`: project ones first, then built-ins. */
export async function templateFiles(root: string): Promise<TemplateFile[]> {
  const [project, builtIn] = await Promise.all([
    templatesIn(path.join(root, PROJECT_TEMPLATES_DIR), 'project', root),
    EMBEDDED_TEMPLATES ? embeddedTemplates(EMBEDDED_TEMPLATES) : templatesIn(builtInTemplatesDir(), 'built-in'),
  ]);
  return [...project, ...builtIn];
}

/**
 * The file to render `name` from in `language`: the project's own, else the built-in; when neither
 * exists in that language, the same template in another language (project first).
 */
export function resolveTemplate(files: TemplateFile[], name: string, language: Language): TemplateFile | undefined {
  const candidates = files.filter((file) => file.name === name);
  return candidates.find((file) => file.language === language) ?? candidates[0];
}

export function templateNames(files: TemplateFile[]): string[] {
  return [...new Set(files.map((file) => file.name))].sort();
}

export function listTemplates(files: TemplateFile[], manifest: Manifest | undefined): TemplateListing[] {
  const phaseNames = new Set(manifest?.phases.flatMap((phase) => phase.templates) ?? []);
  const names = [...new Set([...templateNames(files), ...phaseNames])].sort();
  return names.map((name) => {
    const of = (origin: TemplateOrigin) => LANGUAGES.filter((language) => files.some((file) => file.name === name && file.origin === origin && file.language === language));
    const builtIn = of('built-in');
    const project = of('project');
    return {
      name,
      phases: manifest?.phases.filter((phase) => phase.templates.includes(name)).map((phase) => phase.id) ?? [],
      languages: LANGUAGES.filter((language) => builtIn.includes(language) || project.includes(language)),
      builtIn,
      project,
    };
  });
}

/** The error for a name that matches no template, listing those there are. */
export function unknownTemplateError(name: string, files: TemplateFile[]): Error {
  const available = templateNames(files);
  return usageError(
    `unknown template "${name}"`,
    available.length
      ? `available: ${available.join(', ')}; add your own as ${PROJECT_TEMPLATES_DIR}/<lang>/${name}${TEMPLATE_SUFFIX}`
      : `no templates found; add one as ${PROJECT_TEMPLATES_DIR}/<lang>/${name}${TEMPLATE_SUFFIX}`,
    undefined,
    available.length ? 'unknown-template' : undefined,
  );
}

/** A template's text; a project template whose file (or folder) is a symlink leaving the project is refused. */
export async function readTemplate(template: TemplateFile): Promise<string> {
  if (template.root !== undefined && !realPathInside(template.root, template.file)) {
    const shown = path.relative(template.root, template.file).split(path.sep).join('/');
    throw new LeptonError(`${shown} is a symlink that points outside the project: project templates must stay inside it`, {
      hint: `replace ${shown} with a regular file inside the project`,
    });
  }
  return template.text ?? readFile(template.file, 'utf8');
}
