// Forms of a Chinese region name as people write it: 海西蒙古族藏族自治州 → 海西州, 海西; 西宁市 → 西宁.

const AUTONOMOUS = /^(.{2,}?)(?:[\p{Script=Han}]{1,4}族)+自治(州|县|旗|区)$/u;
const PLAIN_SUFFIXES = ['特别行政区', '自治区', '自治州', '自治县', '自治旗', '地区', '林区', '省', '市', '州', '区', '县', '盟', '旗'];

/** The full name plus every short form at least two characters long, most specific first. */
export function regionNameForms(name: string): string[] {
  const forms = new Set<string>([name]);
  const autonomous = AUTONOMOUS.exec(name);
  if (autonomous) {
    const [, base, kind] = autonomous;
    // 自治区 short forms take no suffix (广西, 宁夏); 自治州/县/旗 keep one (海西州, 民和县).
    if (kind !== '区') forms.add(`${base}${kind}`);
    forms.add(base!);
  } else {
    for (const suffix of PLAIN_SUFFIXES) {
      if (name.endsWith(suffix) && name.length - suffix.length >= 2) {
        forms.add(name.slice(0, -suffix.length));
        break;
      }
    }
  }
  return [...forms];
}

/** The shortest form, used to compare names written differently (西宁市 and 西宁 agree). */
export function shortRegionName(name: string): string {
  const forms = regionNameForms(name);
  return forms[forms.length - 1]!;
}
