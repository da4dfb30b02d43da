// Pure functions of a report text, kept per text: the same sentences and windows are scored question after question.

/**
 * `compute` with its results kept for up to `capacity` distinct texts. When full, everything is forgotten at once:
 * no bookkeeping on each call, and the texts worth keeping come back within a few questions. Results are shared
 * between callers, so they must not be changed.
 */
export function memoizeText<T>(compute: (text: string) => T, capacity = 20_000): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let value = known.get(text);
    if (value === undefined) {
      value = compute(text);
      if (known.size >= capacity) known.clear();
      known.set(text, value);
    }
    return value;
  };
}
