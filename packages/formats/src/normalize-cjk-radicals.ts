// Maps Kangxi radicals and CJK compatibility ideographs, which PDF font tables often emit for ordinary characters
// ("⽣" for "生"), back to the unified ideographs, leaving full-width punctuation and everything else untouched.

const lookalikes = /[\u2e80-\u2fdf\uf900-\ufaff]/g;

export function normalizeCjkRadicals(text: string): string {
  return text.replace(lookalikes, (char) => char.normalize('NFKC'));
}
