-- Capacity tests of civil servants (kiểm tra, sát hạch năng lực công chức: yearly, online) and the
-- staff scoring method (chấm điểm, đánh giá, xếp loại chất lượng): question banks by topic, test
-- campaigns and who must take them, attempts with the draw fixed at their start, answers saved one by
-- one; the scoring method each unit configures, and the scores leaders review and sign.

-- A bank of questions on one topic, owned by a unit: campaigns of that unit and of the units below it
-- draw from it. Topics: administrative procedure law, one-stop rules, digital skills, the unit's field.
create table capacity_banks (
  id bigint generated always as identity primary key,
  code text not null unique check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$'),
  unit_id bigint not null references units(id),
  topic text not null check (topic in ('procedure_law', 'one_stop', 'digital_skills', 'unit_field')),
  title text not null check (length(title) between 1 and 200),
  description text check (length(description) <= 2000),
  created_by bigint references users(id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index capacity_banks_unit on capacity_banks (unit_id, topic);

-- Single choice (exactly one correct option) or multiple choice (one or more, all to be chosen).
-- Options: [{ "key": "a", "text": "...", "correct": true }, ...], 2 to 6, keys a-f in the order written.
-- A question is never deleted (attempts point at it); it is deactivated, and no longer drawn.
create table capacity_questions (
  id bigint generated always as identity primary key,
  bank_id bigint not null references capacity_banks(id),
  code text not null check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
  kind text not null check (kind in ('single', 'multiple')),
  prompt text not null check (length(prompt) between 1 and 2000),
  -- The prompt normalised (NFC, lower case, one space between words): a bank never asks the same twice.
  prompt_key text not null,
  options jsonb not null check (jsonb_typeof(options) = 'array' and jsonb_array_length(options) between 2 and 6),
  explanation text check (length(explanation) <= 2000),
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (bank_id, code),
  unique (bank_id, prompt_key)
);

-- A test campaign (đợt kiểm tra): drafted, then published, open from opens_at to closes_at. Each
-- candidate has duration_minutes from their start, never beyond closes_at.
create table capacity_campaigns (
  id bigint generated always as identity primary key,
  code text not null unique check (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$'),
  unit_id bigint not null references units(id),
  title text not null check (length(title) between 1 and 200),
  description text check (length(description) <= 2000),
  status text not null default 'draft' check (status in ('draft', 'published')),
  opens_at timestamptz not null,
  closes_at timestamptz not null,
  duration_minutes integer not null check (duration_minutes between 1 and 600),
  pass_mark numeric(5, 2) not null check (pass_mark between 0 and 100),
  -- Questions drawn per topic: { "procedure_law": 5, "one_stop": 5, ... }.
  draw jsonb not null check (jsonb_typeof(draw) = 'object'),
  -- Who must take it: staff holding one of the roles in one of the units (each with the units below).
  audience_unit_ids bigint[] not null,
  audience_roles text[] not null,
  created_by bigint references users(id),
  published_by bigint references users(id),
  published_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (closes_at > opens_at),
  check ((status = 'published') = (published_at is not null))
);
create index capacity_campaigns_unit on capacity_campaigns (unit_id, opens_at desc);

-- The staff who must take a campaign, fixed when it is published, with where they serve then. One
-- attempt each unless an administrator allows more.
create table capacity_candidates (
  campaign_id bigint not null references capacity_campaigns(id),
  user_id bigint not null references users(id),
  unit_id bigint not null references units(id),
  agency_id bigint references agencies(id),
  role text not null,
  allowed_attempts integer not null default 1 check (allowed_attempts between 1 and 20),
  primary key (campaign_id, user_id)
);
create index capacity_candidates_user on capacity_candidates (user_id);

-- One sitting. deadline = least(started_at + duration, closes_at), fixed at the start; the server's
-- clock is compared with it on every answer. Submitted by the candidate, or at the deadline (by the
-- closing job or by whichever request first notices the time is up), then scored.
create table capacity_attempts (
  id bigint generated always as identity primary key,
  campaign_id bigint not null,
  user_id bigint not null,
  attempt_no integer not null check (attempt_no >= 1),
  started_at timestamptz not null,
  deadline timestamptz not null,
  question_count integer not null check (question_count >= 1),
  submitted_at timestamptz,
  submitted_by text check (submitted_by in ('candidate', 'deadline')),
  correct_count integer,
  score numeric(5, 2),
  passed boolean,
  foreign key (campaign_id, user_id) references capacity_candidates (campaign_id, user_id),
  unique (campaign_id, user_id, attempt_no),
  check (deadline > started_at),
  check ((submitted_at is null) = (submitted_by is null)),
  check ((submitted_at is null) = (score is null)),
  check ((score is null) = (passed is null) and (score is null) = (correct_count is null))
);
-- At most one attempt in progress per candidate.
create unique index capacity_attempts_open on capacity_attempts (campaign_id, user_id) where submitted_at is null;
create index capacity_attempts_due on capacity_attempts (deadline) where submitted_at is null;
create index capacity_attempts_user on capacity_attempts (user_id, submitted_at);

-- The questions an attempt drew, in the order shown, each as it stood when drawn (later edits of the
-- bank change no result): options in the shuffled order this candidate sees, with which are correct.
create table capacity_attempt_questions (
  attempt_id bigint not null references capacity_attempts(id),
  position integer not null check (position >= 1),
  question_id bigint not null references capacity_questions(id),
  topic text not null,
  kind text not null check (kind in ('single', 'multiple')),
  prompt text not null,
  options jsonb not null,
  explanation text,
  primary key (attempt_id, position),
  unique (attempt_id, question_id)
);

-- The candidate's latest answer to each question (option keys); saved on every change.
create table capacity_answers (
  attempt_id bigint not null,
  position integer not null,
  selected text[] not null,
  answered_at timestamptz not null,
  changes integer not null default 1,
  primary key (attempt_id, position),
  foreign key (attempt_id, position) references capacity_attempt_questions (attempt_id, position)
);

-- Answers are kept as the candidate left them at submission: none may be written after it.
create function capacity_answers_open_only() returns trigger language plpgsql as $$
begin
  if exists (select 1 from capacity_attempts where id = new.attempt_id and submitted_at is not null) then
    raise exception 'capacity attempt % is submitted', new.attempt_id;
  end if;
  return new;
end;
$$;
create trigger capacity_answers_open before insert or update on capacity_answers
  for each row execute function capacity_answers_open_only();

-- The staff scoring method of a unit (and of the units below it that have none of their own): weights
-- in percent by criterion (summing to 100), the lowest total of each level, the points one upheld
-- feedback item costs.
create table staff_score_methods (
  unit_id bigint primary key references units(id),
  weights jsonb not null check (jsonb_typeof(weights) = 'object'),
  thresholds jsonb not null check (jsonb_typeof(thresholds) = 'object'),
  upheld_penalty integer not null default 20 check (upheld_penalty between 0 and 100),
  version integer not null default 1,
  updated_by bigint references users(id),
  updated_at timestamptz not null
);

-- One officer's score in one unit for a month (2025-06), a quarter (2025-Q2) or a year (2025). Until
-- it is signed the score is computed from live data whenever it is read; the leader's assessment is
-- stored at review. At sign-off the computation (method, every input figure, criterion scores, total,
-- level) is stored and the row is frozen.
create table staff_scores (
  id bigint generated always as identity primary key,
  user_id bigint not null references users(id),
  unit_id bigint not null references units(id),
  period text not null check (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$'),
  status text not null default 'draft' check (status in ('draft', 'reviewed', 'signed')),
  leader_score numeric(5, 2) check (leader_score between 0 and 100),
  leader_note text check (length(leader_note) <= 2000),
  reviewed_by bigint references users(id),
  reviewed_at timestamptz,
  signed_by bigint references users(id),
  signed_at timestamptz,
  computation jsonb,
  total numeric(5, 2) check (total between 0 and 100),
  level text check (level in ('excellent', 'good', 'completed', 'not_completed')),
  version integer not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (user_id, unit_id, period),
  check ((status = 'signed') = (signed_at is not null)),
  check (status <> 'signed' or (computation is not null and total is not null and level is not null and signed_by is not null))
);
create index staff_scores_unit_period on staff_scores (unit_id, period);

-- A signed score never changes, whatever code runs.
create function staff_scores_signed_are_frozen() returns trigger language plpgsql as $$
begin
  if old.status = 'signed' then
    raise exception 'staff score % is signed', old.id;
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger staff_scores_frozen before update or delete on staff_scores
  for each row execute function staff_scores_signed_are_frozen();
