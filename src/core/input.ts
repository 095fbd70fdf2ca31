/** A command line split into its parts: `/cost@factdeskbot deepseek r1` → cost, factdeskbot, `deepseek r1`. */
export interface ParsedCommandLine {
  name: string;
  /** The bot a Telegram group command was addressed to, if any. */
  target?: string;
  rest: string;
}

const COMMAND_LINE = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/;

/** Parses a slash command; undefined when the text is not one. */
export function parseCommandLine(line: string): ParsedCommandLine | undefined {
  const match = COMMAND_LINE.exec(line.trim());
  if (!match) return undefined;
  const [, name = '', target, rest = ''] = match;
  return { name: name.toLowerCase(), ...(target !== undefined && { target }), rest: rest.trim() };
}
