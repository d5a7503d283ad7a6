// Text files the checks read must be UTF-8: a file in another encoding is named for what it is,
// not read as garbage (a UTF-16 document's "TODO" is not found as "TODO").

/** Why `bytes` are not UTF-8 text, or undefined when they are (a UTF-8 byte order mark is fine). */
export function notUtf8(bytes: Uint8Array): string | undefined {
  const [first, second, third, fourth] = bytes;
  if (first === 0xff && second === 0xfe && third === 0 && fourth === 0) return 'UTF-32 LE (by its byte order mark)';
  if (first === 0 && second === 0 && third === 0xfe && fourth === 0xff) return 'UTF-32 BE (by its byte order mark)';
  if (first === 0xff && second === 0xfe) return 'UTF-16 LE (by its byte order mark)';
  if (first === 0xfe && second === 0xff) return 'UTF-16 BE (by its byte order mark)';
  const offset = firstInvalidUtf8(bytes);
  return offset === undefined ? undefined : `not valid UTF-8 (byte 0x${bytes[offset]!.toString(16).padStart(2, '0')} at offset ${offset})`;
}

/** The offset where the first ill-formed UTF-8 sequence starts (RFC 3629), as Python's decoder names it. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    // The sequence length and the range its second byte must fall in (no overlongs, no surrogates, ≤ U+10FFFF).
    const [length, low, high] =
      lead >= 0xc2 && lead <= 0xdf
        ? [2, 0x80, 0xbf]
        : lead === 0xe0
          ? [3, 0xa0, 0xbf]
          : lead === 0xed
            ? [3, 0x80, 0x9f]
            : lead >= 0xe1 && lead <= 0xef
              ? [3, 0x80, 0xbf]
              : lead === 0xf0
                ? [4, 0x90, 0xbf]
                : lead >= 0xf1 && lead <= 0xf3
                  ? [4, 0x80, 0xbf]
                  : lead === 0xf4
                    ? [4, 0x80, 0x8f]
                    : [0, 0, 0];
    if (length === 0) return index;
    for (let offset = 1; offset < length; offset++) {
      const byte = bytes[index + offset];
      const [min, max] = offset === 1 ? [low, high] : [0x80, 0xbf];
      if (byte === undefined || byte < min || byte > max) return index;
    }
    index += length;
  }
  return undefined;
}
