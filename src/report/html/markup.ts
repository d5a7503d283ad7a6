// Building HTML as strings: every value from a project (names, messages, file contents) goes
// through `text()` or `attr()`, so nothing it holds is ever taken for markup. Table cells and
// rows are written without the end tags HTML lets go (`</td>`, `</th>`, `</tr>`: the parser closes
// each at the next cell or row): over a portfolio of hundreds of projects they are a tenth of the page.
import { stripAnsi } from '../../text.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// Control characters have no place in a page (and are invalid in XML/SVG).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function text(value: unknown): string {
  return stripAnsi(String(value ?? ''))
    .replace(CONTROL, '')
    .replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}

export const attr = text;

/** An id fragment safe in HTML ids and URLs, from any text. */
export function slug(value: string): string {
  const base = value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return base || 'x';
}

/** A date and time as people read it in a report: `2026-12-02 08:15 UTC`. */
export function when(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return text(iso);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function day(iso: string | undefined): string {
  return iso ? text(iso.slice(0, 10)) : '';
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A `<time>` element for an ISO instant. */
export function timeTag(iso: string | undefined, shown: string = when(iso)): string {
  // `2026-11-03T10:00Z` for `2026-11-03T10:00:00.000Z`: zero seconds and milliseconds are left out.
  return iso ? `<time datetime="${attr(iso.replace(/(?::00)?\.000Z$/, 'Z'))}">${shown}</time>` : '';
}
