// Counts the # marks that open a markdown heading line (0 when the line is not one).

export function markdownHashes(original: string, start: number, end: number): number {
  let index = start;
  while (index < end && (original[index] === ' ' || original[index] === '\t')) index += 1;
  let hashes = 0;
  while (index + hashes < end && original[index + hashes] === '#') hashes += 1;
  return hashes <= 6 ? hashes : 0;
}
