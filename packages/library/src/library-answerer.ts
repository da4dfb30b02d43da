// The answerer over a library's index, built one way for the main thread and for every answer thread.
import { createAnswerer, type Answerer, type AnswererOptions } from '@report-qa/answer';
import { createIndicatorTable, type IndicatorDefinition } from '@report-qa/indicators';
import type { ReportIndex } from '@report-qa/retrieval';
import { uploadMarker } from './uploads-folder.js';

/**
 * With the indicator table (comparisons of a listed indicator are answered from it) and uploads marked on citations:
 * the main thread and the answer threads both build it here, so an answer does not depend on which thread computed it.
 */
export function createLibraryAnswerer(
  index: ReportIndex,
  options: { dataDir: string; indicators?: readonly IndicatorDefinition[] | undefined; llm?: AnswererOptions['llm'] | null },
): Answerer {
  return createAnswerer({
    searcher: index,
    indicators: createIndicatorTable(options.indicators ? { definitions: options.indicators } : {}),
    isUpload: uploadMarker(options),
    ...(options.llm ? { llm: options.llm } : {}),
  });
}
