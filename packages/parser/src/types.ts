// Public data types of the parser: what a parsed report looks like.

/** Administrative level of the body a report is about. */
export type AdministrativeLevel = 'province' | 'city' | 'county' | 'department';

export interface ReportMetadata {
  /** The report's own title, or null when the text has none. */
  title: string | null;
  /** Most specific region, written with the parents that are stated or inferable, e.g. 西宁市城东区. */
  region: string | null;
  /** The same region as a path from the top, e.g. ['青海省', '西宁市', '城东区']. */
  regionPath: string[];
  level: AdministrativeLevel | null;
  /** The year reported on (not the publishing year). */
  year: number | null;
  /** Issuing body, e.g. 海东市人民政府. */
  issuer: string | null;
  /** Document number (文号), e.g. 东政〔2021〕1号. */
  docNumber: string | null;
  /** Publication date as YYYY-MM-DD (or YYYY-MM when no day is given). */
  publishedAt: string | null;
  /** Signer (签发人). */
  signer: string | null;
}

export interface Section {
  /** The heading as written, cleaned, e.g. （八）加强行政复议工作. */
  heading: string;
  /** Headings from the top-level section down to this one. */
  path: string[];
  /** Nesting depth, 1 for top-level sections. */
  depth: number;
  /** Offsets into the decoded original text. */
  start: number;
  end: number;
}

export interface Chunk {
  /** Stable id: the same input and options give the same id. */
  id: string;
  /** Cleaned text for indexing and display. */
  text: string;
  /** Section headings joined with ' > ', e.g. 一、工作开展情况 > （八）加强行政复议工作; '' when none. */
  sectionPath: string;
  /** original.slice(start, end) is the passage as the report wrote it. */
  start: number;
  end: number;
}

export interface ParsedReport {
  /** The decoded original text (BOM removed, nothing else changed). */
  original: string;
  metadata: ReportMetadata;
  sections: Section[];
  chunks: Chunk[];
}

export interface ChunkOptions {
  /** Target passage size in characters (default 400). */
  targetSize?: number;
  /** Hard upper bound in characters, only exceeded by a single over-long sentence (default 600). */
  maxSize?: number;
  /** Characters of overlap carried from the previous passage, whole sentences only (default 0). */
  overlap?: number;
}

export interface ParseOptions extends ChunkOptions {
  /** File name, used only as a hint for ids and never for guessing the encoding. */
  source?: string;
}
