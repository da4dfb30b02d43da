// Questions about a report itself (when it was issued, its document number, who issued or signed it), answered
// from the metadata the parser recognised, each value quoted from where the report prints it.
import type { DocumentWithText, SearchResult } from '@report-qa/retrieval';

type Field = 'date' | 'number' | 'issuer' | 'signer';

// Issuing a document, and asking when (alternatives, for the date pattern below).
const issuing = '印发|发布|发出|签发|成文|报送|上报';
const when = '哪天|哪一天|什么时候|何时';

const asks: Record<Field, RegExp> = {
  date: new RegExp(`(?:${when}|几月几[日号]|日期|时间).{0,8}(?:${issuing}|出台|发的)|(?:${issuing})的?(?:日期|时间)|(?:${issuing})于?(?:${when})`, 'u'),
  number: /文号|发文字号|发文号|字号是/u,
  issuer: /(?:哪个|什么|哪一?级)(?:单位|部门|机关|政府).{0,6}(?:印发|发布|发出|报送|上报|出的|发的)|(?:由谁|谁)(?:印发|发布|发出|报送|上报)|发文(?:单位|机关)/u,
  signer: /谁签发|签发人|谁签的|谁署名|署名人/u,
};

const label: Record<Field, string> = { date: '所署日期', number: '文号', issuer: '发文机关', signer: '签发人' };

/** The question is about the report itself (「这份报告」, 「那份汇报」), not about something the report tells of. */
const aboutTheReport = /报告|汇报|这份|那份|该文|本文/u;

/**
 * The report fields a question asks about, or none. 「西宁什么时候出台的物业管理条例？」 asks about a regulation the
 * report tells of, not the report: only a question that names the report itself is answered from its metadata.
 */
export function askedReportFields(question: string): Field[] {
  if (!aboutTheReport.test(question)) return [];
  return (Object.keys(asks) as Field[]).filter((field) => asks[field].test(question));
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
/** A value as printed: any whitespace between its characters (PDF and OCR spacing). */
const printed = (value: string) => new RegExp([...value].map(escape).join('\\s*'), 'gu');

/** Where the report prints a field's value: the document number and issuer first, the date and signer last (落款). */
function locate(document: DocumentWithText, field: Field): { start: number; end: number } | null {
  const { metadata, original } = document;
  let pattern: RegExp | null = null;
  if (field === 'date' && metadata.publishedAt) {
    const [year, month, day] = metadata.publishedAt.split('-').map(Number);
    // 2021年1月15日 in a letter's 落款, 2022-03-21 on a web page.
    const pad = (value: number | undefined) => `0?${value}`;
    pattern = new RegExp(`${year}\\s*年\\s*${pad(month)}\\s*月\\s*${pad(day)}\\s*日|${year}-${pad(month)}-${pad(day)}(?!\\d)`, 'gu');
  } else if (field === 'number' && metadata.docNumber) pattern = printed(metadata.docNumber);
  else if (field === 'issuer' && metadata.issuer) pattern = printed(metadata.issuer);
  else if (field === 'signer' && metadata.signer) pattern = printed(metadata.signer);
  if (!pattern) return null;
  const matches = [...original.matchAll(pattern)];
  const match = field === 'date' || field === 'signer' ? matches.at(-1) : matches[0];
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}

export interface MetadataAnswer {
  /** The fields asked, each with where the report prints its value (the answer's numbers come from these quotes). */
  parts: { field: string; start: number; end: number; passage: SearchResult }[];
  document: DocumentWithText;
}

/**
 * The fields asked of the one report the question is about, each located in its text; null when the question asks
 * none, or a field has no value or cannot be located (the ordinary answer then decides).
 */
export function answerFromMetadata(question: string, results: readonly SearchResult[], source: (docId: string) => DocumentWithText | null): MetadataAnswer | null {
  const fields = askedReportFields(question);
  const first = results[0];
  if (fields.length === 0 || !first) return null;
  const document = source(first.docId);
  if (!document) return null;
  const parts: MetadataAnswer['parts'] = [];
  for (const field of fields) {
    const span = locate(document, field);
    if (!span) return null;
    // The passage that holds the value when one was retrieved; else the report's, labelled by where the value stands.
    const holder = results.find((result) => result.docId === first.docId && result.start <= span.start && result.end >= span.end);
    const passage = holder ?? { ...first, sectionPath: span.start < document.original.length / 2 ? '文头' : '落款' };
    parts.push({ field: label[field], ...span, passage });
  }
  return { parts, document };
}
