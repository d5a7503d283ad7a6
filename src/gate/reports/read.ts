// Reads a report file a check names: inside the project, size-capped, decoded as UTF-8; hashed
// only when the evidence is recorded (advance), like every check's evidence.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { realPathInside } from '../../manifest/paths.js';
import { sha256 } from '../../text.js';

/** Reports larger than this are refused unread: a generous cap for large Cobertura files. */
export const MAX_REPORT_BYTES = 64 * 1024 * 1024;

export interface ReportFile {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  text: string;
  /** SHA-256 of the bytes, when asked for. */
  sha256?: string;
}

/** Why a report could not be read, in words naming the file. */
export class ReportReadError extends Error {}

export async function readReport(root: string, relativePath: string, options: { hash?: boolean } = {}): Promise<ReportFile> {
  const file = relativePath.replaceAll('\\', '/');
  const absolute = path.resolve(root, relativePath);
  const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
    throw new ReportReadError(error.code === 'ENOENT' ? `${file} does not exist` : `cannot read ${file}: ${error.message}`);
  });
  if (!info.isFile()) throw new ReportReadError(`${file} is not a file`);
  if (!realPathInside(root, absolute)) throw new ReportReadError(`${file} resolves outside the project (a symlink); reports must be inside it`);
  if (info.size > MAX_REPORT_BYTES) {
    throw new ReportReadError(`${file} is ${(info.size / 1024 / 1024).toFixed(0)} MiB; reports larger than ${MAX_REPORT_BYTES / 1024 / 1024} MiB are not read`);
  }
  const bytes = await readFile(absolute);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ReportReadError(`${file} is not UTF-8 text`);
  }
  return { file, text: text.replace(/^\uFEFF/, ''), ...(options.hash && { sha256: sha256(bytes) }) };
}
