// Finds the report's title among the lines before its first numbered heading, skipping a cover letter's own title.
import type { ReportLine } from './classify-lines.js';
import { markdownHashes } from './markdown-hashes.js';
import { foldTraditional } from './fold-traditional.js';

export interface TitleMatch {
  title: string | null;
  lineIndexes: number[];
  coverTitle: string | null;
}

const TITLE_END = /(?:报告|汇报|总结|情况|通报|报告书|自查报告|年度报告)$/;
const TITLE_TOPIC = /法治|法制|依法|政府|建设|关于|工作|(?:19|20)\d{2}年|[〇零一二三四五六七八九]{4}年/;
const COVER = /关于(?:报送|呈报|上报|报请|提交|呈送|报备|送审)(.+)$/;
const MAX_FRONT_LINES = 40;
const ORGANISATION_LINE = /^.{2,30}(?:人民政府|政府|委员会|管委会|行政公署|局|厅|委|办公室|办公厅)$/;
const SUBJECTLESS_TITLE = /^(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年|^法治政府/;
const MAX_TITLE = 100;

export function findTitle(lines: ReportLine[], original: string): TitleMatch {
  const candidates: Array<{ text: string; lineIndexes: number[]; cover: string | null }> = [];
  let seen = 0;
  for (let index = 0; index < lines.length && seen < MAX_FRONT_LINES; index += 1) {
    const line = lines[index];
    if (!line || line.kind === 'blank' || line.kind === 'chrome') continue;
    seen += 1;
    // The first numbered heading ends the front matter; an unnumbered markdown heading may be the title.
    const markdownTitle = line.kind === 'heading' && markdownHashes(original, line.start, line.end) > 0 && line.heading?.heading === line.clean && !/^[一二三四五六七八九十（(\d第]/.test(line.clean);
    if (line.kind === 'heading' && !markdownTitle) break;
    if (line.kind !== 'text' && !markdownTitle) continue;
    const folded = foldTraditional(line.clean);
    if (isTitle(folded)) {
      candidates.push({ text: line.clean, lineIndexes: [index], cover: coveredTitle(line.clean, folded) });
      continue;
    }
    // A long title broken over two lines: 「…关于2020年法治政府建设」 + 「情况的报告」.
    const next = nextContentLine(lines, index);
    if (next !== null && folded.length <= 60 && !/[。；！？]/.test(folded) && !TITLE_END.test(folded)) {
      const nextLine = lines[next];
      const nextFolded = nextLine ? foldTraditional(nextLine.clean) : '';
      // 「…关于2020年法治政府建设」+「情况的报告」, 「X人民政府」+「关于…的报告」, 「X自然资源厅」+「2021年法治政府建设情况报告」.
      const joins = folded.includes('关于') || nextFolded.startsWith('关于') || (ORGANISATION_LINE.test(folded) && SUBJECTLESS_TITLE.test(nextFolded));
      if (nextLine && nextLine.kind === 'text' && nextLine.clean.length <= 60 && joins) {
        const joined = line.clean + nextLine.clean;
        const joinedFolded = foldTraditional(joined);
        if (isTitle(joinedFolded)) {
          candidates.push({ text: joined, lineIndexes: [index, next], cover: coveredTitle(joined, joinedFolded) });
          index = next;
        }
      }
    }
  }
  const own = candidates.find((candidate) => candidate.cover === null);
  const cover = candidates.find((candidate) => candidate.cover !== null);
  if (own) return { title: own.text, lineIndexes: own.lineIndexes, coverTitle: cover?.text ?? null };
  if (cover) return { title: cover.cover, lineIndexes: [], coverTitle: cover.text };
  // A web page's metadata table may be the only place that names the report (标题：…).
  for (const line of lines.slice(0, MAX_FRONT_LINES * 2)) {
    const field = line.kind === 'chrome' ? /^(?:标题|名称|文件名称)[:：](.+)$/.exec(line.clean) : null;
    if (field?.[1] && isTitle(foldTraditional(field[1]))) return { title: field[1], lineIndexes: [], coverTitle: null };
  }
  return { title: null, lineIndexes: [], coverTitle: null };
}

/** For a cover letter (关于报送《X》的报告, 关于报送X的报告), the title of the report it sends; null for any other title. */
function coveredTitle(text: string, folded: string): string | null {
  const cover = COVER.exec(folded);
  if (!cover) return null;
  const from = folded.length - (cover[1] ?? '').length;
  const rest = text.slice(from);
  const quoted = /《(.+?)》/.exec(rest);
  return quoted?.[1] ?? rest.replace(/的(?:报告|函|请示)$/, '');
}

function isTitle(folded: string): boolean {
  if (folded.length < 6 || folded.length > MAX_TITLE) return false;
  if (/[。；！？]/.test(folded) || /如下$/.test(folded)) return false;
  return TITLE_END.test(folded.replace(/[》”」]$/, '').replace(/[（(][^）)]{1,12}[）)]$/, '')) && TITLE_TOPIC.test(folded);
}

function nextContentLine(lines: ReportLine[], index: number): number | null {
  for (let next = index + 1; next < lines.length; next += 1) {
    const line = lines[next];
    if (!line || line.kind === 'blank') continue;
    return line.kind === 'text' ? next : null;
  }
  return null;
}
