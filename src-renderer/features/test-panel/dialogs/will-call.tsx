/**
 * The "Will call" list (will-call-items.ts): in the Test dialog, filled in live as the user types; beside the Test
 * button of a profile that needs no dialog, compact.
 */
import type { ProfileView } from '../../../../src-shared/profile';
import { willCallItems } from './will-call-items';
import './will-call.css';

interface WillCallProps {
  profile: ProfileView;
  tenant?: string;
  /** Typed values by key, secret ones already masked. */
  values?: Readonly<Record<string, string>>;
  compact?: boolean;
}

/** The list of what a Test of `profile` will call. */
export function WillCall({ profile, tenant, values, compact = false }: WillCallProps) {
  const items = willCallItems(profile, tenant, values);
  const titleId = `will-call-${profile.id}${compact ? '-panel' : '-dialog'}`;
  return (
    <section className={`will-call${compact ? ' will-call--compact' : ''}`} aria-labelledby={titleId}>
      <h3 id={titleId} className="will-call__title">
        Will call
      </h3>
      <dl className="will-call__list">
        {items.map((item) => (
          <div key={item.label} className="will-call__item">
            <dt className="will-call__label">{item.label}</dt>
            <dd className="will-call__value">
              <code title={compact ? item.text : undefined}>{item.text}</code>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
