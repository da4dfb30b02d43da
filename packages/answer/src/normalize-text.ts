// Text normalisation shared by matching and checks: width-folded, whitespace removed (reports put stray spaces in figures).
import { memoizeText } from './memoize-text.js';

/** The normal form of a text; the same report sentences and windows come back question after question, so it is kept. */
export const normalizeText: (text: string) => string = memoizeText((text) => text.normalize('NFKC').replace(/\s+/gu, '').toLowerCase());
