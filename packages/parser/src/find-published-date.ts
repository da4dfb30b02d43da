// Finds when a report was published: a web header's publish time, else the date line that closes it, else a date in its header.
import type { ReportLine } from './classify-lines.js';
import { DATE_PATTERN, parseChineseDate } from './parse-chinese-date.js';

const WEB_FIELD = /(?:发布时间|发布日期|发文日期|成文日期|日期|时间)[:：]/;
const DATE_ONLY = new RegExp(`^(?:${DATE_PATTERN.source})(?:\\s?\\d{1,2}:\\d{2}(?::\\d{2})?)?$`);
const CLOSING_DATE = new RegExp(`(?:${DATE_PATTERN.source})(?:印发|印|发布|签发)?$`);
const HEADER_LINES = 30;
const TAIL_LINES = 12;
const MAX_DATE_LINE = 60;

export function findPublishedDate(lines: ReportLine[]): string | null {
  const head = lines.slice(0, HEADER_LINES).filter((line) => line.kind !== 'blank');
  for (const line of head) {
    if (line.kind !== 'chrome') continue;
    const field = WEB_FIELD.exec(line.clean);
    const date = field ? parseChineseDate(line.clean.slice(field.index)) : DATE_ONLY.test(line.clean) ? parseChineseDate(line.clean) : null;
    if (date) return date;
  }
  const tail = lines.filter((line) => line.kind !== 'blank').slice(-TAIL_LINES);
  for (let index = tail.length - 1; index >= 0; index -= 1) {
    const line = tail[index];
    if (line && line.clean.length <= MAX_DATE_LINE && line.kind !== 'chrome' && CLOSING_DATE.test(line.clean)) {
      const date = parseChineseDate(line.clean);
      if (date) return date;
    }
  }
  for (const line of head) {
    if (line.kind === 'chrome' || line.clean.length > MAX_DATE_LINE) continue;
    // A date under the title is often bracketed: （2022年3月1日）.
    const text = line.clean.replace(/^[（(【\[]|[）)】\]]$/g, '');
    if (DATE_ONLY.test(text) || CLOSING_DATE.test(text)) {
      const date = parseChineseDate(text);
      if (date) return date;
    }
  }
  return null;
}
