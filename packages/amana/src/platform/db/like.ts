/**
 * Text for a LIKE pattern, matched literally: `%`, `_` and the escape character `\` (PostgreSQL's
 * default, and PGlite's) are escaped, so a user's filter or a stored value cannot widen the match.
 */
export const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`)
