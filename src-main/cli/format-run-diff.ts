/**
 * `authbench runs diff` for a person: runs A and B, the counts, then the outcome and each exchange step with
 * the items that differ (`name: A → B (changed)`) and, per section, how many are unchanged. Values come from
 * stored, redacted runs and are stripped of control characters (docs/security.md, "Hostile input").
 */
import { countsLine, type DiffItem, type DiffSection, type RunDiff } from '../../src-shared/run-diff';
import { forTerminal } from '../http/log-text';

const KIND_TEXT: Record<DiffItem['kind'], string> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
  unchanged: 'unchanged',
  varies: 'varies per run',
};

/** One value on one line: newlines shown as `⏎`, clipped to 200 characters. */
const value = (text: string | undefined) => (text === undefined ? '—' : forTerminal(text.replace(/\n/g, '⏎'), 200));

function sectionLines(section: DiffSection, indent: string): string[] {
  const differing = section.items.filter((i) => i.kind !== 'unchanged');
  const unchanged = section.items.length - differing.length;
  const lines = [`${indent}${section.title}${unchanged > 0 ? ` (${unchanged} unchanged)` : ''}`];
  for (const item of differing)
    lines.push(
      `${indent}  ${forTerminal(item.key, 200)}: ${value(item.before)} → ${value(item.after)} (${KIND_TEXT[item.kind]})`,
    );
  return lines;
}

/** The diff as text lines ending in a newline; `labels` names runs A and B (e.g. their start time and verdict). */
export function formatRunDiff(diff: RunDiff, labels: [string, string]): string {
  const lines = [
    `Run A: ${labels[0]}`,
    `Run B: ${labels[1]}`,
    countsLine(diff.counts),
    '',
    ...sectionLines(diff.outcome, ''),
  ];
  for (const step of diff.steps) {
    const note = step.presence === 'both' ? '' : step.presence === 'before' ? ' (only in run A)' : ' (only in run B)';
    lines.push('', `${step.label}${note}`);
    for (const section of step.sections) lines.push(...sectionLines(section, '  '));
  }
  return `${lines.join('\n')}\n`;
}
