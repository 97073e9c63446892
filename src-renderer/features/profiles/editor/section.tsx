/**
 * One titled section of the editor ("Client", "Endpoints", …): a group named by its heading (headings
 * let screen-reader users jump between sections; landmarks are kept for the page's big areas), and an
 * anchor for the editor's section index.
 */
import type { ReactNode } from 'react';

interface SectionProps {
  /** Anchor id, e.g. "section-endpoints". */
  id: string;
  title: string;
  /** One sentence under the title saying what the section is for. */
  intro?: ReactNode;
  children: ReactNode;
}

/** A section of the editor. */
export function Section({ id, title, intro, children }: SectionProps) {
  return (
    <div id={id} role="group" className="editor-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="editor-section__title">
        {title}
      </h3>
      {intro ? <p className="editor-section__intro">{intro}</p> : null}
      <div className="editor-section__body">{children}</div>
    </div>
  );
}
