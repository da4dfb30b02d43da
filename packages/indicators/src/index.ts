// Public exports of @report-qa/indicators.
export { IndicatorError, type IndicatorErrorCode } from './indicator-error.js';
export { defaultIndicatorDefinitions, loadIndicatorDefinitions, parseIndicatorDefinitions, type IndicatorDefinition } from './indicator-definitions.js';
export { findFigures, type Figure } from './find-figures.js';
export { extractIndicators, type IndicatorValue, type IndicatorValues, type ReportForIndicators } from './extract-indicators.js';
export { createIndicatorTable, indicatorSources, type IndicatorLibrary, type IndicatorRow, type IndicatorSource, type IndicatorTable, type IndicatorTableOptions } from './create-indicator-table.js';
export { matchIndicator } from './match-indicator.js';
export { buildIndicatorResponse, type IndicatorFilter } from './build-indicator-response.js';
export { indicatorHeader, indicatorsCsv, NOT_STATED } from './indicators-csv.js';
export { indicatorsXlsx } from './indicators-xlsx.js';
