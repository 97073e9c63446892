/**
 * The editor's section chips: jump links to each section, sticky at the top of the editor column while the
 * window scrolls the form (styles/editor-index.css), with the section in view marked `aria-current`.
 */
import { useEffect, useState } from 'react';
import { has } from '../form/grant-forms';
import type { ProfileForm } from '../form/use-profile-form';

/** The band of the viewport (from the top) in which a section counts as "in view": its top 35%. */
const IN_VIEW_MARGIN = '0px 0px -65% 0px';

/** [section id, chip text] of the sections this profile's form shows, in order. */
function sectionLinks(form: ProfileForm): Array<[string, string]> {
  return [
    ['section-general', 'General'],
    ['section-client', 'Client'],
    ['section-endpoints', 'Endpoints'],
    ['section-scope', 'Scope'],
    ...(has(form.draft, 'authorizationMode') ? [['section-authorization', 'Authorization'] as [string, string]] : []),
    ['section-token-request', 'Token request'],
    ['section-token-use', 'Using the token'],
    ['section-tls', 'TLS'],
  ];
}

/**
 * The id of the first of `ids` (in order) whose section is in the top band of the viewport, kept while none
 * is (a long section fills the screen); null before any was seen. One IntersectionObserver, no scroll handler.
 */
function useSectionInView(ids: readonly string[]): string | null {
  const [current, setCurrent] = useState<string | null>(null);
  const key = ids.join(' ');
  useEffect(() => {
    if (typeof IntersectionObserver === 'undefined') return undefined;
    const order = key.split(' ');
    const visible = new Set<string>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) visible.add(entry.target.id);
          else visible.delete(entry.target.id);
        }
        const first = order.find((id) => visible.has(id));
        if (first) setCurrent(first);
      },
      { rootMargin: IN_VIEW_MARGIN },
    );
    for (const id of order) {
      const section = document.getElementById(id);
      if (section) observer.observe(section);
    }
    return () => observer.disconnect();
  }, [key]); // `key` stands for `ids`, a new array on every render
  return current;
}

/** The sticky row of section chips at the top of the editor. */
export function SectionIndex({ form }: { form: ProfileForm }) {
  const links = sectionLinks(form);
  const current = useSectionInView(links.map(([id]) => id));
  return (
    <nav className="section-index" aria-label="Editor sections">
      {links.map(([id, text]) => (
        <a
          key={id}
          href={`#${id}`}
          aria-current={current === id ? 'location' : undefined}
          onClick={(e) => {
            e.preventDefault();
            const heading = document.getElementById(`${id}-title`);
            const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
            // The root's scroll-padding (editor-index.css) keeps the heading below the sticky chips.
            heading?.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
          }}
        >
          {text}
        </a>
      ))}
    </nav>
  );
}
