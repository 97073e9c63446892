/**
 * Identical OAuth setups found in several places of one foreign file become one profile (docs/architecture.md,
 * "Import from other tools"), named after the first, with a note naming the others; distinct setups that would
 * share a name get "Name (2)", "Name (3)".
 */
import { LIMITS } from '../../src-shared/profile-fields';
import type { ForeignEntry } from './import-types';

/** What makes two entries the same setup: every field but the name and description, and the secrets. */
function setupKey(entry: ForeignEntry): string {
  const { name: _name, description: _description, ...rest } = entry.fields;
  const sorted = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
        )
      : Array.isArray(value)
        ? value.map(sorted)
        : value;
  return JSON.stringify([sorted(rest), sorted(entry.secrets), entry.notes]);
}

/** `entries` with identical setups merged (first one kept, a note lists the other sources) and names unique. */
export function dedupeEntries(entries: ForeignEntry[]): ForeignEntry[] {
  const kept = new Map<string, { entry: ForeignEntry; others: string[] }>();
  for (const entry of entries) {
    const key = setupKey(entry);
    const first = kept.get(key);
    if (first) first.others.push(entry.name);
    else kept.set(key, { entry, others: [] });
  }
  const used = new Set<string>();
  return [...kept.values()].map(({ entry, others }) => {
    let name = entry.name;
    for (let n = 2; used.has(name); n++) {
      const suffix = ` (${n})`;
      name = `${entry.name.slice(0, LIMITS.name - suffix.length)}${suffix}`;
    }
    used.add(name);
    const notes =
      others.length > 0
        ? [
            ...entry.notes,
            `The same OAuth setup is also used by ${others.map((o) => `“${o}”`).join(', ')}: imported once`,
          ]
        : entry.notes;
    return { ...entry, name, fields: { ...entry.fields, name }, notes };
  });
}
