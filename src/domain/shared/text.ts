/** Lower case, accents removed ("Vélo" -> "velo"): how text is compared for search and slugs. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The distinct words of a text, folded: what search matches on. */
export function searchTokens(text: string): string[] {
  return [...new Set(foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [])];
}

export function slugify(text: string): string {
  return searchTokens(text).join('-').slice(0, 80) || 'category';
}
