// Calls to the report-qa HTTP API (types only from @report-qa/schema, to keep the bundle small).
import type { DocumentDetail, DocumentSummary, Health } from '@report-qa/schema';
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
