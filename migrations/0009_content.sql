-- Public content: news and announcements, comments on procedures and news (with their moderation
-- queue), and the hotline directory.

-- An article is a draft or published; a published article whose publication time is still ahead is
-- scheduled, and appears on its own when that time comes (nothing has to run).
create table news_articles (
  id bigint generated always as identity primary key,
  -- Words of the title without diacritics, for readable addresses (/tin-tuc/12-mot-cua-than-thien).
  slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
  title text not null check (length(title) between 1 and 200),
  summary text not null check (length(summary) between 1 and 600),
  body text not null check (length(body) between 1 and 50000),
  image_file_id uuid references files(id),
  image_alt text,
  status text not null check (status in ('draft', 'published')),
  published_at timestamptz,
  created_by bigint references users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  -- An image always has its text alternative.
  check (image_file_id is null or length(btrim(coalesce(image_alt, ''))) > 0),
  check (status = 'draft' or published_at is not null)
);
create index news_articles_published on news_articles (published_at desc, id desc) where status = 'published';

-- A comment on one procedure or one article. Only published comments are shown to the public;
-- every comment starts pending and waits for a moderator.
create table comments (
  id bigint generated always as identity primary key,
  target_type text not null check (target_type in ('procedure', 'news')),
  procedure_id bigint references procedures(id),
  news_id bigint references news_articles(id),
  author_id bigint references users(id),
  author_name text not null check (length(author_name) between 1 and 100),
  body text not null check (length(body) between 1 and 20000),
  status text not null default 'pending' check (status in ('pending', 'published', 'rejected')),
  created_at timestamptz not null,
  moderated_by bigint references users(id),
  moderated_at timestamptz,
  check ((target_type = 'procedure') = (procedure_id is not null)),
  check ((target_type = 'news') = (news_id is not null))
);
create index comments_procedure on comments (procedure_id, status, created_at) where procedure_id is not null;
create index comments_news on comments (news_id, status, created_at) where news_id is not null;
create index comments_queue on comments (status, created_at);

-- Hotlines and phone numbers for feedback about procedures: the chairperson's, the unit leaders'
-- and each unit's, in the order administrators give them.
create table hotlines (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('chairperson', 'leader', 'unit')),
  position text not null check (length(position) between 1 and 200),
  person_name text check (person_name is null or length(person_name) between 1 and 100),
  phone text not null check (phone ~ '^\+?[0-9]{3,15}$'),
  note text check (note is null or length(note) between 1 and 200),
  sort_order integer not null default 0 check (sort_order between 0 and 9999),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index hotlines_order on hotlines (kind, sort_order, id);
