/**
 * The privacy policy (PRIVACY.md, bundled as text at build time), shown as elements built from
 * its Markdown (lib/markdown-text.ts): every word is a text node, never markup.
 */
import { t } from '@/lib/i18n';
import type { ComponentChildren } from 'preact';
import { parseMarkdown, type Block, type Inline } from '@/lib/markdown-text';
import policy from '../../PRIVACY.md?raw';

function Inlines({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((p, i) => {
        switch (p.kind) {
          case 'text':
            return p.text;
          case 'code':
            return <code key={i}>{p.text}</code>;
          case 'strong':
            return (
              <strong key={i}>
                <Inlines parts={p.children} />
              </strong>
            );
          case 'em':
            return (
              <em key={i}>
                <Inlines parts={p.children} />
              </em>
            );
          case 'link':
            return p.href ? (
              <a key={i} href={p.href} target="_blank" rel="noreferrer">
                <Inlines parts={p.children} />
              </a>
            ) : (
              <Inlines key={i} parts={p.children} />
            );
        }
      })}
    </>
  );
}

/** Headings one level down: the page's own h1 is the extension's name. */
function Heading({ level, children }: { level: number; children: ComponentChildren }) {
  const Tag = `h${Math.min(level + 1, 6)}` as 'h2';
  return <Tag>{children}</Tag>;
}

function Blocks({ blocks }: { blocks: Block[] }) {
  return (
    <>
      {blocks.map((b, i) => {
        switch (b.kind) {
          case 'heading':
            return (
              <Heading key={i} level={b.level}>
                <Inlines parts={b.content} />
              </Heading>
            );
          case 'paragraph':
            return (
              <p key={i}>
                <Inlines parts={b.content} />
              </p>
            );
          case 'list': {
            const List = b.ordered ? 'ol' : 'ul';
            return (
              <List key={i} class="tl-steps">
                {b.items.map((item, j) => (
                  <li key={j}>
                    <Inlines parts={item.content} />
                    <Blocks blocks={item.children} />
                  </li>
                ))}
              </List>
            );
          }
          case 'table':
            return (
              <div key={i} class="tl-scroll">
                <table class="tl-doc-table">
                  <thead>
                    <tr>
                      {b.head.map((c, j) => (
                        <th key={j} scope="col">
                          <Inlines parts={c} />
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {b.rows.map((row, j) => (
                      <tr key={j}>
                        {row.map((c, k) => (
                          <td key={k}>
                            <Inlines parts={c} />
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
        }
      })}
    </>
  );
}

let parsed: Block[] | undefined;

export function PrivacyPanel() {
  parsed ??= parseMarkdown(policy);
  return (
    <div class="tl-panel">
      <p class="tl-mute">{t('privacyIntro')}</p>
      <article class="tl-card tl-doc" lang="en" data-testid="privacy-policy">
        <Blocks blocks={parsed} />
      </article>
    </div>
  );
}
