// Public exports of @report-qa/library.
export type { Library, LibraryPaths, LibraryStatus, UploadedFile, UploadOutcome } from './library.js';
export { openLibrary, createLibraryExtractor, type OpenLibraryOptions, type OpenedLibrary, type KeywordOnlyReason, type ExtractionLimits } from './open-library.js';
export { createLibrary, type CreateLibraryOptions } from './create-library.js';
export { uploadsDir, uploadedSources } from './uploads-folder.js';
export { ingestPaths, IngestFilesError, type IngestPathsOptions } from './ingest-paths.js';
export { parseAnyReport } from './parse-any-report.js';
export { reconcileUploads, describeReconcile, orphanedUploadsDir, type ReconcileOutcome } from './reconcile-uploads.js';
export { LibraryStorageError, describeIndexCorruption, describeStorageFailure, type LibraryStorageProblem } from './library-storage-error.js';
export { createAnswerPool, type AnswerPool, type AnswerPoolOptions, type AnswerWorkerOptions, type PoolReply, type PoolRequest } from './answer-pool.js';
export { createAnswerGate, gateAnswerer, AnswerOverloadedError, type AnswerGate, type AnswerGateOptions, type AnswerGateStats, type AdmissionResult } from './answer-gate.js';
