// The parse hook of the index: text reports as they are, HTML pages reduced to their body text first.
import { parseReport, type ParsedReport, type ParseOptions } from '@report-qa/parser';
import { decodeHtml, htmlToText, sniffFormat } from '@report-qa/formats';

export function parseAnyReport(input: string | Uint8Array, options: ParseOptions): ParsedReport {
  if (typeof input !== 'string' && sniffFormat(input) === 'html') {
    return parseReport(htmlToText(decodeHtml(input)).text, options);
  }
  return parseReport(input, options);
}
