// WeChat renders no markdown: turn an answer into plain text with "\n" line breaks.
export function stripMarkdown(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // Code fences: keep the code, drop the fence lines.
      .replace(/^```[^\n]*\n?/gm, '')
      // Images and links: keep the words, and the address in brackets for links.
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '$1（$2）')
      .replace(/^\s{0,3}#{1,6}\s+/gm, '')
      .replace(/^\s{0,3}>\s?/gm, '')
      .replace(/^(\s*)[*+]\s+/gm, '$1- ')
      .replace(/^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/gm, '')
      .replace(/(\*\*|__)(.+?)\1/g, '$2')
      .replace(/\*\*/g, '')
      .replace(/(^|[^*\w])\*(?!\s)([^*\n]+?)\*(?!\w)/g, '$1$2')
      .replace(/`([^`\n]+)`/g, '$1')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}
