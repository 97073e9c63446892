// Writes BENCHMARKS.md from the figures bench/*.bench.ts recorded (bench/figures.ts): the machine it ran on,
// then per section each figure's median and p95 beside its baseline's, the ratio, and each budget's verdict.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';

const fmt = (n, unit) => `${n.toFixed(n < 1 ? 3 : n < 10 ? 2 : 1)} ${unit}`;

/** The OS's name: /etc/os-release's PRETTY_NAME on Linux, else the kernel's. */
function osName() {
  const file = '/etc/os-release';
  const pretty = existsSync(file) ? /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync(file, 'utf8'))?.[1] : undefined;
  return `${pretty ?? type()} (${type()} ${release()})`;
}

/** Markdown lines describing this machine, Node, the date and the load (1-minute load averages). */
function machine({ seconds, load }) {
  const cpu = cpus();
  return [
    `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
    `- CPU: ${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length}`,
    `- RAM: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${osName()}`,
    `- Node: ${process.version}`,
    `- Load average (1 min) at start / end: ${load[0].toFixed(2)} / ${loadavg()[0].toFixed(2)} on ${cpu.length} CPUs`,
    `- Whole bench: ${Math.round(seconds)} s`,
  ];
}

/**
 * Reads every results file of `dir`, writes the report to `target` and returns `target`; `run` is the whole
 * bench's duration in s and the os.loadavg() taken when it started.
 */
export function writeReport(dir, target, run) {
  const figures = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
  const out = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.mjs; see docs/architecture.md, "Benchmarks"). Each figure is the',
    'median and p95 (nearest rank) of repeated runs, beside a baseline measured in the same run, in alternating',
    'rounds; budgets are checked against the median. Absolute times depend on the machine and its load: the',
    'ratio to the baseline is the figure to compare across machines.',
    '',
    '## Machine',
    '',
    ...machine(run),
  ];
  const sections = [...new Set(figures.map((f) => f.section))].sort();
  let missed = 0;
  for (const section of sections) {
    out.push('', `## ${section}`, '');
    out.push('| Figure | Median | p95 | Baseline | Baseline median | Baseline p95 | Ratio | Runs | Budget |');
    out.push('| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |');
    const notes = [];
    for (const f of figures.filter((x) => x.section === section)) {
      const b = f.baseline;
      const ratio = b && b.value.median > 0 ? `${(f.value.median / b.value.median).toFixed(2)}×` : '—';
      const budgets = f.budgets.length
        ? f.budgets.map((x) => `${x.label}: ${x.pass ? 'pass' : '**FAIL**'}`).join('; ')
        : '—';
      missed += f.budgets.filter((x) => !x.pass).length;
      out.push(
        `| ${[
          f.name,
          fmt(f.value.median, f.unit),
          fmt(f.value.p95, f.unit),
          b ? b.name : '—',
          b ? fmt(b.value.median, f.unit) : '—',
          b ? fmt(b.value.p95, f.unit) : '—',
          ratio,
          String(f.value.n),
          budgets,
        ].join(' | ')} |`,
      );
      if (f.note) notes.push(`- ${f.name}: ${f.note}.`);
    }
    if (notes.length) out.push('', ...notes);
  }
  const total = figures.reduce((n, f) => n + f.budgets.length, 0);
  out.splice(out.indexOf('## Machine'), 0, `**Budgets met: ${total - missed} of ${total}.**`, '');
  writeFileSync(target, `${out.join('\n')}\n`);
  return target;
}
