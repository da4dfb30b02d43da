// The ways users write a region (西宁市 → 西宁市, 西宁; 海西蒙古族藏族自治州 → 海西州, 海西), for matching questions.
const suffixPattern = /(自治州|自治县|自治旗|特别行政区|地区|新区|省|市|州|区|县|旗|盟)$/u;
// Ethnic names in autonomous regions' full names (海西蒙古族藏族自治州 → 海西).
const ethnicPattern = /(?:蒙古族|藏族|回族|土族|撒拉族|哈萨克族|羌族|彝族|苗族|壮族|满族|朝鲜族|维吾尔族|傣族|白族|哈尼族|黎族|瑶族|侗族|布依族|土家族|畲族|仡佬族|水族|纳西族|傈僳族)+$/u;

/** Cuts a full region name such as 西宁市城东区 into its parts: ['西宁市', '城东区']. */
export function regionParts(name: string): string[] {
  const parts = name.match(/.+?(?:自治州|自治县|自治旗|特别行政区|省|市|州|区|县|旗|盟)/gu);
  if (!parts || parts.join('') !== name) return [name];
  return parts;
}

/** Names a user may write for one region part, longest first. */
export function regionAliases(part: string): string[] {
  const aliases = new Set<string>([part]);
  const suffix = part.match(suffixPattern)?.[1];
  let stem = part.replace(suffixPattern, '');
  stem = stem.replace(ethnicPattern, '') || stem;
  if (suffix && stem.length >= 1) {
    const shortSuffix = suffix.startsWith('自治') ? suffix.slice(2) : suffix;
    aliases.add(stem + shortSuffix);
  }
  if (stem.length >= 2) aliases.add(stem);
  return [...aliases].sort((a, b) => b.length - a.length);
}
