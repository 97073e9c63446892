/**
 * What changed between two stored runs of a profile (docs/architecture.md, "The Test panel"): the outcome
 * (verdict, error code, `error` of RFC 6749 §5.2, diagnosis) and, for each exchange matched by step and order,
 * the request line, query, headers and body, the response status, headers and body, and the duration.
 * Pure: no DOM, no node:. Runs are already redacted, so `[redacted]` values compare as equal.
 */
import { queryParameters } from './body-format';
import { formatMs, formatStatus, STEP_LABELS } from './format';
import {
  diffBodies,
  diffHeaders,
  diffPairs,
  isVolatileParameter,
  type DiffItem,
  type DiffKind,
} from './run-diff-values';
import type { Exchange, ExchangeStep, TestRun } from './test-run';

export type { DiffItem, DiffKind } from './run-diff-values';

/** One titled group of compared items ("Request headers", "Response body", …). */
export interface DiffSection {
  title: string;
  items: DiffItem[];
}

/** The comparison of the `occurrence`-th (1-based) exchange of `step` in each run; `presence` says which runs have it. */
export interface StepDiff {
  step: ExchangeStep;
  occurrence: number;
  /** "Token request", or "Token request #2" for the second one. */
  label: string;
  presence: 'both' | 'before' | 'after';
  sections: DiffSection[];
}

/** How many items of each kind a comparison holds. */
export type DiffCounts = Record<DiffKind, number>;

/** Two runs compared: `before` is the earlier run, `after` the later one. */
export interface RunDiff {
  before: { id: string; startedAt: string };
  after: { id: string; startedAt: string };
  outcome: DiffSection;
  steps: StepDiff[];
  counts: DiffCounts;
}

/**
 * A duration that changed enough to matter: one at least twice the other and 250 ms apart; smaller
 * differences are `varies` (durations never repeat exactly).
 */
export function durationKind(before: number, after: number): DiffKind {
  if (before === after) return 'unchanged';
  const [low, high] = before < after ? [before, after] : [after, before];
  return high >= 2 * low && high - low >= 250 ? 'changed' : 'varies';
}

function durationItem(before: number | undefined, after: number | undefined): DiffItem {
  const key = 'Duration';
  if (before === undefined) return { key, kind: 'added', after: formatMs(after!) };
  if (after === undefined) return { key, kind: 'removed', before: formatMs(before) };
  return { key, kind: durationKind(before, after), before: formatMs(before), after: formatMs(after) };
}

const never = () => false;
/** The URL without its query and fragment (the query is compared by parameter). */
const bareUrl = (url: string) => url.split(/[?#]/)[0]!;

function exchangeSections(a: Exchange | undefined, b: Exchange | undefined): DiffSection[] {
  const requestLine = (e?: Exchange): Array<[string, string]> =>
    e
      ? [
          ['Method', e.request.method],
          ['URL', bareUrl(e.request.url)],
        ]
      : [];
  const outcome = (e?: Exchange): Array<[string, string]> => {
    const pairs: Array<[string, string]> = [];
    if (e?.response) pairs.push(['Status', formatStatus(e.response.status, e.response.statusText)]);
    if (e?.error) pairs.push(['Error', e.error.code]);
    return pairs;
  };
  const type = (e: Exchange | undefined, of: 'request' | 'response') => e?.[of]?.headers['content-type'];
  return [
    { title: 'Request', items: diffPairs(requestLine(a), requestLine(b), never) },
    {
      title: 'Query parameters',
      items: diffPairs(
        queryParameters(a?.request.url ?? ''),
        queryParameters(b?.request.url ?? ''),
        isVolatileParameter,
      ),
    },
    { title: 'Request headers', items: diffHeaders(a?.request.headers ?? {}, b?.request.headers ?? {}) },
    {
      title: 'Request body',
      items: diffBodies(a?.request.body ?? null, b?.request.body ?? null, [type(a, 'request'), type(b, 'request')]),
    },
    { title: 'Response', items: diffPairs(outcome(a), outcome(b), never) },
    { title: 'Response headers', items: diffHeaders(a?.response?.headers ?? {}, b?.response?.headers ?? {}) },
    {
      title: 'Response body',
      items: diffBodies(a?.response?.body ?? null, b?.response?.body ?? null, [
        type(a, 'response'),
        type(b, 'response'),
      ]),
    },
    { title: 'Duration', items: a || b ? [durationItem(a?.durationMs, b?.durationMs)] : [] },
  ].filter((section) => section.items.length > 0);
}

/** Exchanges keyed `step#n` (n-th of that step, 1-based), in order. */
function keyedExchanges(run: TestRun): Map<string, Exchange> {
  const seen = new Map<ExchangeStep, number>();
  const out = new Map<string, Exchange>();
  for (const exchange of run.exchanges) {
    const n = (seen.get(exchange.step) ?? 0) + 1;
    seen.set(exchange.step, n);
    out.set(`${exchange.step}#${n}`, exchange);
  }
  return out;
}

/** The outcome fields of a run as name/value pairs (absent fields left out). */
function outcomePairs(run: TestRun): Array<[string, string]> {
  const verdict = run.ok ? 'Passed' : run.error?.code === 'cancelled' ? 'Cancelled' : 'Failed';
  const fields: Array<[string, string | number | undefined]> = [
    ['Verdict', verdict],
    ['Error code', run.error?.code],
    ['OAuth error', run.error?.oauthError],
    ['Error description', run.error?.oauthErrorDescription],
    ['HTTP status', run.error?.status],
    ['Message', run.error?.message],
    ['Diagnosis', run.error?.diagnosis],
  ];
  return fields.filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]);
}

/** Counts the items of each kind in `sections`. */
export function countKinds(sections: DiffSection[]): DiffCounts {
  const counts: DiffCounts = { added: 0, removed: 0, changed: 0, unchanged: 0, varies: 0 };
  for (const section of sections) for (const item of section.items) counts[item.kind]++;
  return counts;
}

/** "2 changed · 1 added · 3 vary per run · 25 unchanged" (kinds with none left out). */
export function countsLine(counts: DiffCounts): string {
  const parts: Array<[number, string]> = [
    [counts.changed, 'changed'],
    [counts.added, 'added'],
    [counts.removed, 'removed'],
    [counts.varies, counts.varies === 1 ? 'varies per run' : 'vary per run'],
    [counts.unchanged, 'unchanged'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n} ${label}`)
    .join(' · ');
}

/** Compares `before` (the earlier run) with `after`; each exchange is matched by its step and order within that step. */
export function diffRuns(before: TestRun, after: TestRun): RunDiff {
  const outcome: DiffSection = {
    title: 'Outcome',
    items: [
      ...diffPairs(outcomePairs(before), outcomePairs(after), never),
      durationItem(before.durationMs, after.durationMs),
    ],
  };
  const a = keyedExchanges(before);
  const b = keyedExchanges(after);
  const steps = [...new Set([...a.keys(), ...b.keys()])].map((key): StepDiff => {
    const [step, n] = key.split('#') as [ExchangeStep, string];
    const occurrence = Number(n);
    const [x, y] = [a.get(key), b.get(key)];
    return {
      step,
      occurrence,
      label: occurrence === 1 ? STEP_LABELS[step] : `${STEP_LABELS[step]} #${occurrence}`,
      presence: x && y ? 'both' : x ? 'before' : 'after',
      sections: exchangeSections(x, y),
    };
  });
  return {
    before: { id: before.id, startedAt: before.startedAt },
    after: { id: after.id, startedAt: after.startedAt },
    outcome,
    steps,
    counts: countKinds([outcome, ...steps.flatMap((s) => s.sections)]),
  };
}
