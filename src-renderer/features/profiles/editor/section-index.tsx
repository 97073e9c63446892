/**
 * The editor's section chips: jump links to each section, sticky at the top of the editor column while the
 * window scrolls the form (styles/editor-index.css), with the section in view marked `aria-current`.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { has } from '../form/grant-forms';
import type { ProfileForm } from '../form/use-profile-form';

/** A section is "in view" once its top passes this line, as a share of the viewport's height from the top. */
const IN_VIEW_LINE = 0.35;

/** [section id, chip text] of the sections this profile's form shows, in order. */
function sectionLinks(form: ProfileForm): Array<[string, string]> {
  return [
    ['section-general', 'General'],
    ['section-client', 'Client'],
    ...(has(form.draft, 'jwtBearer') ? [['section-jwt-bearer', 'JWT bearer'] as [string, string]] : []),
    ...(has(form.draft, 'tokenExchange') ? [['section-token-exchange', 'Token exchange'] as [string, string]] : []),
    ['section-endpoints', 'Endpoints'],
    ['section-scope', 'Scope'],
    // Client credentials has no Authorization Mode: its section holds only the Test-time fields.
    ['section-authorization', has(form.draft, 'authorizationMode') ? 'Authorization' : 'Test-time fields'],
    ['section-token-request', 'Token request'],
    ['section-token-use', 'Using the token'],
    ['section-tls', 'TLS'],
  ];
}

/**
 * The id of the last of `ids` (in order) whose section's top is above the in-view line — the section being
 * read — or the last section once its end is in view. IntersectionObservers fire as a top crosses that line
 * and as the last section scrolls in; no scroll handler.
 */
function useSectionInView(ids: readonly string[]): string | null {
  const [current, setCurrent] = useState<string | null>(null);
  const key = ids.join(' ');
  useEffect(() => {
    if (typeof IntersectionObserver === 'undefined') return undefined;
    const sections = key
      .split(' ')
      .map((id) => document.getElementById(id))
      .filter((el): el is HTMLElement => el !== null);
    const last = sections.at(-1);
    const update = () => {
      const line = window.innerHeight * IN_VIEW_LINE;
      // At the end of the form the last section may never reach the line: its end in view marks it.
      if (last && last.getBoundingClientRect().bottom <= window.innerHeight) return setCurrent(last.id);
      const above = sections.filter((el) => el.getBoundingClientRect().top <= line);
      setCurrent((above.at(-1) ?? sections[0])?.id ?? null);
    };
    const bottom = `-${Math.round((1 - IN_VIEW_LINE) * 100)}%`;
    const observer = new IntersectionObserver(update, { rootMargin: `0px 0px ${bottom} 0px` });
    for (const section of sections) observer.observe(section);
    const end = new IntersectionObserver(update, { threshold: [0, 0.25, 0.5, 0.75, 1] });
    if (last) end.observe(last);
    return () => {
      observer.disconnect();
      end.disconnect();
    };
  }, [key]); // `key` stands for `ids`, a new array on every render
  return current;
}

/**
 * Publishes the chips' height (px) as `--section-index-height` on the root, whose scroll-padding
 * (editor-index.css) then keeps headings and focused fields below the chips however many rows they wrap to.
 * A CSSOM property, which the CSP allows (it forbids only inline style attributes).
 */
function usePublishedHeight(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const root = document.documentElement.style;
    const observer = new ResizeObserver(() => root.setProperty('--section-index-height', `${el.offsetHeight}px`));
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.removeProperty('--section-index-height');
    };
  }, [ref]);
}

/** The sticky row of section chips at the top of the editor. */
export function SectionIndex({ form }: { form: ProfileForm }) {
  const links = sectionLinks(form);
  const current = useSectionInView(links.map(([id]) => id));
  const navRef = useRef<HTMLElement>(null);
  usePublishedHeight(navRef);
  return (
    <nav ref={navRef} className="section-index" aria-label="Editor sections">
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
