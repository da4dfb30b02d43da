// Turns an exact report excerpt into text fit to show: markdown marks and stray whitespace removed, nothing reworded.
const cjk = '\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef';
const spaceNextToCjk = new RegExp(`(?<=[${cjk}])\\s+|\\s+(?=[${cjk}])`, 'gu');
const spaceInFigure = /(?<=\d)\s+(?=[\d.%])|(?<=[\d.])\s+(?=\d)/gu;

/** A cleaned, single-line version of an excerpt; every figure of the excerpt is kept. */
export function displayText(raw: string): string {
  return raw
    .replace(/^\s*#{1,6}\s*/gmu, '')
    .replace(/\*\*|__/gu, '')
    .replace(/[\r\n]+/gu, '')
    .replace(spaceNextToCjk, '')
    .replace(spaceInFigure, '')
    .replace(/[ \t\u00a0]+/gu, ' ')
    .trim();
}
