// Pieces the news pages and the home page share: an article in a list, its state, its paragraphs.
import { formatDate, formatDateTime } from '../../../../shared/i18n/index.js';
import type { TNewsState, TNewsSummary } from '../../../../shared/news/schema.js';
import type { PageContext } from '../../../views/page-context.js';

/** The publication date as dd/MM/yyyy, in a <time> machines can read. */
export function PublishedOn({
  ctx,
  at,
  withTime = false,
}: {
  ctx: PageContext;
  at: string | null;
  withTime?: boolean;
}) {
  if (!at) return <span class="muted">{ctx.t('news.undated')}</span>;
  const moment = new Date(at);
  return <time datetime={at}>{withTime ? formatDateTime(moment) : formatDate(moment)}</time>;
}

const STATE_TAG: Record<TNewsState, string> = {
  draft: 'tag tag-grey',
  scheduled: 'tag',
  published: 'tag tag-green',
};

export function StateTag({ ctx, state }: { ctx: PageContext; state: TNewsState }) {
  return <span class={STATE_TAG[state]}>{ctx.t(`news.states.${state}`)}</span>;
}

/** One article in a list: its picture (decorative there: the title says it), title, date and summary. */
export function NewsItem({
  ctx,
  item,
  headingLevel,
}: {
  ctx: PageContext;
  item: TNewsSummary;
  headingLevel: 2 | 3;
}) {
  const link = <a href={item.url}>{item.title}</a>;
  return (
    <li class={item.image ? 'news-item with-image' : 'news-item'}>
      {item.image ? <img class="news-thumb" src={item.image.url} alt="" loading="lazy" /> : null}
      <div class="news-item-text">
        {headingLevel === 2 ? (
          <h2 class="news-item-title">{link}</h2>
        ) : (
          <h3 class="news-item-title">{link}</h3>
        )}
        <p class="news-date hint">
          <PublishedOn ctx={ctx} at={item.publishedAt} />
        </p>
        <p class="news-summary">{item.summary}</p>
      </div>
    </li>
  );
}

/** A body as written: a blank line starts a paragraph, a single line break stays a line break. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean)
        .map((paragraph) => (
          <p class="pre-line">{paragraph}</p>
        ))}
    </>
  );
}
