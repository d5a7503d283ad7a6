// RFC 4180 CSV records, streamed: quoted fields may hold commas, doubled quotes and line breaks
// (Ragas writes retrieved contexts with newlines in them). Each record says the line it starts on.
import { openText } from '../source.js';

export async function* csvRecords(file: string): AsyncGenerator<{ fields: string[]; line: number }> {
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  let pendingCR = false;
  for await (const chunk of (await openText(file)) as AsyncIterable<string>) {
    for (let index = 0; index < chunk.length; index++) {
      const character = chunk[index]!;
      if (pendingCR) {
        pendingCR = false;
        if (character === '\n') continue;
      }
      if (quoted) {
        if (character === '"') {
          quoted = false;
          afterQuote = true;
        } else {
          if (character === '\n') line++;
          field += character;
        }
        continue;
      }
      if (character === '"') {
        // A quote right after a closing quote is an escaped quote.
        if (afterQuote) field += '"';
        quoted = true;
        afterQuote = false;
        continue;
      }
      afterQuote = false;
      if (character === ',') {
        fields.push(field);
        field = '';
      } else if (character === '\n' || character === '\r') {
        pendingCR = character === '\r';
        fields.push(field);
        yield { fields, line: recordLine };
        fields = [];
        field = '';
        line++;
        recordLine = line;
      } else {
        field += character;
      }
    }
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    yield { fields, line: recordLine };
  }
}
