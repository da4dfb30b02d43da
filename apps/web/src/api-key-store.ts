// The API key for write operations, kept for this browser tab only (sessionStorage).
const storageKey = 'report-qa.apiKey';

export function loadApiKey(): string | null {
  try {
    return sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export function saveApiKey(key: string | null): void {
  try {
    if (key) sessionStorage.setItem(storageKey, key);
    else sessionStorage.removeItem(storageKey);
  } catch {
    // Storage can be disabled; the key then lasts until the page reloads (kept by the caller).
  }
}
