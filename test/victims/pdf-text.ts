import { inflateSync } from 'node:zlib';

/**
 * The text drawn in a PDF made by pdfkit with the standard fonts: every content stream
 * (inflated when compressed), every TJ/Tj string decoded from hex or literal form.
 * Enough to check what the safety pack says and does not say; not a general parser.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  const pattern = /<<([^]*?)>>\s*stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(raw)) !== null) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const bytes = pdf.subarray(start, end);
    if (/\/FlateDecode/.test(match[1]!)) {
      try {
        streams.push(inflateSync(bytes).toString('latin1'));
      } catch {
        // Not a stream we can read: skip it.
      }
    } else {
      streams.push(bytes.toString('latin1'));
    }
    pattern.lastIndex = end;
  }
  const lines: string[] = [];
  for (const stream of streams) {
    for (const op of stream.matchAll(/\[((?:[^\]\\]|\\.)*)\]\s*TJ|(<[0-9a-fA-F]*>|\((?:[^)\\]|\\.)*\))\s*Tj/g)) {
      const body = op[1] ?? op[2] ?? '';
      let line = '';
      for (const part of body.matchAll(/<([0-9a-fA-F]*)>|\(((?:[^)\\]|\\.)*)\)/g)) {
        if (part[1] !== undefined) line += Buffer.from(part[1], 'hex').toString('latin1');
        else line += part[2]!.replace(/\\([()\\])/g, '$1');
      }
      lines.push(line);
    }
  }
  return lines
    .join(' ')
    .replace(/\u0092/g, '’')
    .replace(/\u0096/g, '–')
    .replace(/\s+/g, ' ');
}
