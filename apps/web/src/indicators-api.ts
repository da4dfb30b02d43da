// Calls for the 指标 tab: the indicator table as JSON, and its CSV/XLSX downloads (with the API key when one is known).
import type { IndicatorsResponse } from '@report-qa/schema';
import { authorized } from './api-client.js';
import { errorFromResponse } from './api-request-error.js';

export interface IndicatorFilter {
  region: string;
  year: string;
}

/** ?region=…&year=… without the empty ones. */
export function indicatorQuery(filter: IndicatorFilter): string {
  const params = new URLSearchParams();
  if (filter.region) params.append('region', filter.region);
  if (filter.year) params.append('year', filter.year);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export async function getIndicators(filter: IndicatorFilter): Promise<IndicatorsResponse> {
  const response = await fetch(`/api/indicators${indicatorQuery(filter)}`, { headers: authorized({ accept: 'application/json' }) });
  if (!response.ok) throw await errorFromResponse(response);
  return (await response.json()) as IndicatorsResponse;
}

/** Fetches the export and saves it through a temporary link, so a server that needs a key for reads works too. */
export async function downloadIndicators(extension: 'csv' | 'xlsx', filter: IndicatorFilter): Promise<void> {
  const response = await fetch(`/api/indicators.${extension}${indicatorQuery(filter)}`, { headers: authorized() });
  if (!response.ok) throw await errorFromResponse(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `法治政府建设指标.${extension}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
