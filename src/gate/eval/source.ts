// Reading a results file without holding it whole when it is line-based: gzip is undone on the fly
// (`.gz`, or the gzip magic bytes), lines are streamed, and only JSON documents are read whole.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';

const SNIFF_BYTES = 64 * 1024;

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

export async function openText(file: string): Promise<Readable> {
  const raw = createReadStream(file);
  if (!(await isGzip(file))) return raw.setEncoding('utf8');
  return raw.pipe(createGunzip()).setEncoding('utf8');
}

/** The first 64 KiB of text (decompressed), to tell the format from. */
export async function sniff(file: string): Promise<string> {
  const stream = await openText(file);
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

/** Each line with its 1-based number; CRLF line ends read the same. */
export async function* lines(file: string): AsyncGenerator<{ text: string; line: number }> {
  const reader = createInterface({ input: await openText(file), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of reader) {
    line++;
    yield { text: line === 1 ? text.replace(/^\uFEFF/, '') : text, line };
  }
}
