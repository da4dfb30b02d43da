// Text normalisation shared by matching and checks: width-folded, whitespace removed (reports put stray spaces in figures).
export function normalizeText(text: string): string {
  let normalized = memo.get(text);
  if (normalized === undefined) {
    normalized = text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
    // The same report sentences and windows are scored for question after question: keep their normal forms.
    if (memo.size >= memoSize) memo.clear();
    memo.set(text, normalized);
  }
  return normalized;
}

const memoSize = 20_000;
const memo = new Map<string, string>();
