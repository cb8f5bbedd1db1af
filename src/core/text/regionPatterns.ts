// Line shapes that mark the regions of scraped news pages.

/** "12. TheOracle1" or "10. fyah_king unregistered": number, handle, optional "unregistered". */
export const COMMENT_HEADER = /^(?:\d{1,4})\.\s+(\S{1,40})(?:\s+(unregistered))?$/;

/** "Posts: 2697; Member since: Nov 09, 2015" */
export const COMMENT_METADATA = /^Posts:\s*[\d,]+;\s*Member since:/i;

/** Whole-line boilerplate: syndication notices and page furniture. */
export const BOILERPLATE_LINES: readonly RegExp[] = [
  /^This copy is for your personal, non-commercial use only\b/i,
  /^(Latest|Top|Related|More|Popular|Trending) (Stories|News|Posts|Articles|Videos)$/i,
  /^(Advertisement|Sponsored( content)?|Share this( article)?|Read more|Subscribe( now)?)$/i,
  /^(©|\(c\)|Copyright)\s/i,
  /^All rights reserved\.?$/i,
];
