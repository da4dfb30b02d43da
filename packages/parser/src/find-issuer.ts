// Finds the issuing body: 「X关于…的报告」, a 「X文件」 letterhead, or the name signed above a closing date.
import type { ReportLine } from './classify-lines.js';
import { DATE_PATTERN } from './parse-chinese-date.js';

const ORGANISATION = /(?:人民政府|政府|办公室|办公厅|委员会|管委会|局|厅|委|署|院|中心|部|处|所|站|队)$/;
const LETTERHEAD = /^(.{2,30}?)文件$/;
const SIGNATURE_WITH_DATE = new RegExp(`^(.{2,30}?(?:人民政府|办公室|办公厅|委员会|管委会|局|厅|委|署|院|中心))\\s*(?:${DATE_PATTERN.source})$`);
const DATE_LINE = new RegExp(`^(?:${DATE_PATTERN.source})$`);

export function findIssuer(title: string | null, lines: ReportLine[]): string | null {
  const subject = title ? /^(.{2,40}?)\s*关于/.exec(title)?.[1] : undefined;
  if (subject && ORGANISATION.test(subject)) return subject;
  const content = lines.filter((line) => line.kind !== 'blank' && line.kind !== 'chrome');
  for (const line of content.slice(0, 10)) {
    const letterhead = LETTERHEAD.exec(line.clean);
    if (letterhead?.[1] && ORGANISATION.test(letterhead[1])) return letterhead[1];
  }
  for (let index = 0; index < content.length; index += 1) {
    const line = content[index];
    if (!line || line.clean.length > 40 || line.kind === 'footer') continue;
    const signed = SIGNATURE_WITH_DATE.exec(line.clean);
    if (signed?.[1]) return signed[1];
    const next = content[index + 1];
    if (ORGANISATION.test(line.clean) && next && DATE_LINE.test(next.clean)) return line.clean;
  }
  // A title that starts with its author: 「西宁市司法局2020年法治政府建设工作报告」.
  const beforeYear = title ? /^([^\d]{2,40}?)\s*(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年/.exec(title)?.[1] : undefined;
  if (beforeYear && ORGANISATION.test(beforeYear) && !/[格布大结开当全]局$/.test(beforeYear)) return beforeYear;
  const author = title ? /^([^\d关于]{2,30}?(?:人民政府|(?<![格布大结开当全])局|厅|委员会|办公室|办公厅))/.exec(title)?.[1] : undefined;
  return author ?? subject ?? null;
}
