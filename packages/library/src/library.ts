// The report library's interface: the searcher for reads, and serialised writes; and the folders it keeps.
import type { DocumentRecord, ReportSearcher } from '@report-qa/retrieval';

/** Where the library lives: the data folder (uploads/ inside it), the folder of the library's own reports, the index. */
export interface LibraryPaths {
  dataDir: string;
  reportsDir: string;
  indexDir: string;
}

export interface LibraryStatus {
  documents: number;
  passages: number;
  embeddings: { provider: 'local' | 'openai' | 'none'; model: string | null; warning: string | null };
  warnings: string[];
}

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export interface UploadOutcome {
  source: string;
  /** 'added' for a new report, 'existing' when the same content was already in the library. */
  status: 'added' | 'existing';
  document: DocumentRecord;
}

export interface Library {
  readonly searcher: ReportSearcher;
  /** Picks up what other processes committed (a shared PostgreSQL store); absent when this process is the only writer. */
  refresh?(): Promise<void>;
  status(): LibraryStatus;
  /** Adds reports; the same content uploaded twice gives back the existing document. */
  upload(files: UploadedFile[]): Promise<UploadOutcome[]>;
  /** Removes a report from both indexes; false when the id is unknown. */
  remove(id: string): Promise<boolean>;
  /** Parses and indexes a report again from its kept original; null when the id is unknown. */
  reindex(id: string): Promise<DocumentRecord | null>;
}
