import { formatVietnamIso } from '../../../shared/calendar/format.js';
import type { TNewsDetail, TNewsSummary } from '../../../shared/news/schema.js';
import type { NewsRow } from './news.repository.js';
import { newsState } from './news.service.js';
import { newsImagePath, newsPath } from './views/paths.js';

export function presentNewsSummary(row: NewsRow, now: Date): TNewsSummary {
  return {
    id: row.id,
    slug: row.slug,
    url: newsPath(row),
    title: row.title,
    summary: row.summary,
    image:
      row.image_file_id && row.image_alt
        ? { url: newsImagePath(row.id, row.image_file_id), alt: row.image_alt }
        : null,
    state: newsState(row, now),
    publishedAt: row.published_at ? formatVietnamIso(row.published_at) : null,
  };
}

export function presentNewsDetail(row: NewsRow, now: Date): TNewsDetail {
  return { ...presentNewsSummary(row, now), body: row.body, updatedAt: formatVietnamIso(row.updated_at) };
}
