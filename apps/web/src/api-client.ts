// Calls to the report-qa HTTP API (types only from @report-qa/schema, to keep the bundle small).
import type { AnswersPage, DocumentDetail, DocumentSummary, FeedbackRequest, FeedbackResponse, Health, SuggestionsResponse } from '@report-qa/schema';
import { loadApiKey } from './api-key-store.js';
import { errorFromResponse } from './api-request-error.js';

/** Adds the API key, when one is known, to a request's headers. */
export function authorized(headers: Record<string, string> = {}): Record<string, string> {
  const key = loadApiKey();
  return key ? { ...headers, authorization: `Bearer ${key}` } : headers;
}

async function requestJson<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, { ...init, headers: authorized({ accept: 'application/json', ...(init.headers as Record<string, string>) }) });
  if (!response.ok) throw await errorFromResponse(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const getHealth = () => requestJson<Health>('/api/health');

export const listDocuments = () => requestJson<DocumentSummary[]>('/api/documents');

export const getDocument = (id: string) => requestJson<DocumentDetail>(`/api/documents/${encodeURIComponent(id)}`);

export function uploadDocuments(files: readonly File[]): Promise<unknown> {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  return requestJson('/api/documents', { method: 'POST', body: form });
}

export const deleteDocument = (id: string) => requestJson<unknown>(`/api/documents/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const sendFeedback = (request: FeedbackRequest) =>
  requestJson<FeedbackResponse>('/api/feedback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });

export const getSuggestions = (answerId: string) =>
  requestJson<SuggestionsResponse>('/api/suggestions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answerId }) });

/** The query string of the review filters (empty values left out). */
export function answersQuery(filters: Record<string, string | number | undefined>): string {
  const entries = Object.entries(filters).flatMap(([key, value]) => (value === undefined || value === '' ? [] : [[key, String(value)]]));
  return new URLSearchParams(entries).toString();
}

export const listAnswers = (query: string) => requestJson<AnswersPage>(`/api/answers?${query}`);

/** The log as JSON lines (the evaluation format), for download. */
export async function exportAnswers(query: string): Promise<Blob> {
  const response = await fetch(`/api/answers/export?${query}`, { headers: authorized() });
  if (!response.ok) throw await errorFromResponse(response);
  return response.blob();
}
