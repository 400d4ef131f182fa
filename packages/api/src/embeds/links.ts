import type { StoredEmbed } from "@chat/db";

/** How many links of a message get a preview. */
export const MAX_PREVIEWS = 3;

/**
 * The first distinct http(s) links of a message's text, in order, as the web app links them:
 * bare or masked (`[text](url)`); code spans and blocks show their text as typed, so their links
 * are skipped, and so is a link in angle brackets (`<https://…>`), which asks for no preview as in Discord.
 */
export function previewLinks(content: string, max = MAX_PREVIEWS): string[] {
  const prose = content.replace(/```[\s\S]*?```|`[^`\n]*`/g, " ").replace(/<https?:\/\/[^\s>]*>/g, " ");
  const links: string[] = [];
  for (const [match] of prose.matchAll(/https?:\/\/[^\s<>()[\]"'`]+/g)) {
    // Sentence punctuation after a link is not part of it.
    const link = match.replace(/[.,:;!?*_~]+$/, "");
    if (!URL.canParse(link) || links.includes(link)) continue;
    links.push(link);
    if (links.length === max) break;
  }
  return links;
}

/**
 * The previews an edit keeps: those of links still among the first of the new text. An empty
 * array (the author removed them) stays empty; null when none is left.
 */
export function keptEmbeds(embeds: StoredEmbed[] | null, content: string): StoredEmbed[] | null {
  if (embeds === null || embeds.length === 0) return embeds;
  const links = previewLinks(content);
  const kept = embeds.filter((embed) => links.includes(embed.url));
  return kept.length > 0 ? kept : null;
}
