// Text normalisation shared by matching and checks: width-folded, whitespace removed (reports put stray spaces in figures).
export function normalizeText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}
