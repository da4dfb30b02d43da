// Names and labels of reports in lists and selectors.
import type { DocumentSummary } from '@report-qa/schema';
import { describeCitation } from './describe-citation.js';

export const levelLabels: Record<NonNullable<DocumentSummary['level']>, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  department: '部门',
};

export const documentLabel = (document: DocumentSummary) => describeCitation(document);
