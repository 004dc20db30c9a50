import type { Report } from '../model/report.ts';
import { terminalSafe } from './escape.ts';

/**
 * One line per finding, `file:line rule message`, the form editors and pre-commit output link to.
 * Findings without a source line start with their address instead; exempted ones say so. The
 * instances of one block (count, for_each) often share a line: identical lines are printed once.
 */
export function renderCompact(report: Report): string {
  const lines = new Set<string>();
  for (const f of report.findings) {
    const where = f.source ? `${f.source.file}${f.source.line ? `:${f.source.line}` : ''}` : f.address;
    const exempt = f.exemption ? ` (exempted: ${f.exemption.reason})` : '';
    lines.add(terminalSafe(`${where} ${f.rule} ${f.message}${exempt}`));
  }
  return [...lines].map((l) => `${l}\n`).join('');
}
