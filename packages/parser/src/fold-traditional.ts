// Maps traditional characters common in report titles and place names to simplified ones, one character for one, so offsets stay valid.

const PAIRS =
  '關关於于報报告告彙汇匯汇總总結结況况設设區区縣县這这項项國国務务機机廳厅開开發发東东門门廣广寧宁陽阳連连雲云貴贵鄉乡鎮镇莊庄' +
  '灣湾瀋沈遼辽龍龙黃黄澤泽濟济濱滨臺台湖湖蘇苏無无錫锡會会場场間间義义實实現现進进體体製制規规範范審审計计' +
  '監监質质溫温陝陕雜杂寶宝慶庆嶺岭漢汉興兴業业種种級级員员門门長长傳传達达議议導导專专屬属據据舉举處处營营' +
  '稅税費费財财經经濟济農农電电網网絡络為为與与歲岁資资產产權权證证責责條条例例舊旧衛卫兩两萬万億亿';

// Per UTF-16 code unit: the simplified code unit, or 0 when the character is kept as it is.
const TABLE = new Uint16Array(0x10000);
for (let index = 0; index + 1 < PAIRS.length; index += 2) {
  const traditional = PAIRS.charCodeAt(index);
  const simplified = PAIRS.charCodeAt(index + 1);
  if (traditional !== simplified) TABLE[traditional] = simplified;
}

export function foldTraditional(text: string): string {
  let first = -1;
  for (let index = 0; index < text.length; index += 1) {
    if (TABLE[text.charCodeAt(index)]) {
      first = index;
      break;
    }
  }
  if (first < 0) return text;
  const parts: string[] = [text.slice(0, first)];
  for (let index = first; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const simplified = TABLE[code] ?? 0;
    parts.push(simplified ? String.fromCharCode(simplified) : (text[index] ?? ''));
  }
  return parts.join('');
}
