/**
 * Escaping for everything that came from an input (addresses, tag values, messages quoting them):
 * a plan is written by the PR author, so nothing in it may become markdown, HTML, a mention, an issue
 * link, a terminal escape or a workflow command.
 */

const MD_PUNCTUATION = /[\\`*_{}[\]()#+!|~]/g;
const ZWSP = '&#8203;';

/** Plain text safe inside markdown prose and table cells. */
export function mdText(value: string): string {
  return oneLine(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MD_PUNCTUATION, (ch) => `\\${ch}`)
    .replace(/@/g, `@${ZWSP}`)
    .replace(/\\#(?=\d)/g, `#${ZWSP}`)
    .replace(/:\/\//g, `:/${ZWSP}/`)
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${ZWSP}.`);
}

/** A code span holding any string; safe in table cells (pipes escaped, which GFM unescapes). */
export function mdCode(value: string): string {
  const text = oneLine(value).replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Control characters shown visibly, so a value cannot move the cursor or start a `::command::`; so
 * are the bidirectional controls, which would make a name read differently from what it is
 * ("Trojan Source", CVE-2021-42574) in a terminal and in a PR comment alike.
 */
export function terminalSafe(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    const code = ch.charCodeAt(0);
    return (
      named[ch] ??
      (code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`)
    );
  });
}

function oneLine(value: string): string {
  return terminalSafe(value.replace(/\r\n?|\n/g, ' '));
}
