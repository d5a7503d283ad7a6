// Reading a results file without holding it whole when it is line-based: gzip is undone on the fly
// (`.gz`, or the gzip magic bytes), lines are streamed, and only JSON documents are read whole.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';

const SNIFF_BYTES = 64 * 1024;
/** Read 1 MiB at a time: a 30 MB file in 30 reads, not 500 (each a stream turn and a decode). */
const READ_BYTES = 1024 * 1024;

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

export async function openText(file: string, chunkBytes = READ_BYTES): Promise<Readable> {
  const raw = createReadStream(file, { highWaterMark: chunkBytes });
  if (!(await isGzip(file))) return raw.setEncoding('utf8');
  return raw.pipe(createGunzip()).setEncoding('utf8');
}

/** The first 64 KiB of text (decompressed), to tell the format from. */
export async function sniff(file: string): Promise<string> {
  const stream = await openText(file, SNIFF_BYTES);
  let text = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    text += chunk;
    if (text.length >= SNIFF_BYTES) break;
  }
  stream.destroy();
  return text.replace(/^\uFEFF/, '');
}

export async function readWhole(file: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(file);
  const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return text.replace(/^\uFEFF/, '');
}

/**
 * Calls `onLine` with each line and its 1-based number, as the file streams in; CRLF line ends read
 * the same. A callback rather than an async generator: a 300,000-line file would pay for as many
 * promise turns. `onChunk` sees the text as read (for hashing it).
 */
export async function eachLine(file: string, onLine: (text: string, line: number) => void, onChunk?: (chunk: string) => void): Promise<void> {
  let rest = '';
  let line = 0;
  for await (const chunk of (await openText(file)) as AsyncIterable<string>) {
    onChunk?.(chunk);
    let start = 0;
    let end = chunk.indexOf('\n');
    if (end === -1) {
      rest += chunk;
      continue;
    }
    let text = rest + chunk.slice(0, end);
    rest = '';
    for (;;) {
      line++;
      emit(text, line, onLine);
      start = end + 1;
      end = chunk.indexOf('\n', start);
      if (end === -1) break;
      text = chunk.slice(start, end);
    }
    rest = chunk.slice(start);
  }
  if (rest !== '') emit(rest, line + 1, onLine);
}

function emit(text: string, line: number, onLine: (text: string, line: number) => void): void {
  let clean = text.endsWith('\r') ? text.slice(0, -1) : text;
  if (line === 1 && clean.charCodeAt(0) === 0xfeff) clean = clean.slice(1);
  onLine(clean, line);
}
