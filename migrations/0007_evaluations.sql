-- Satisfaction evaluations (đánh giá sự hài lòng) after a result is returned: three levels for each
-- criterion, at most one evaluation per application, counted per unit and per officer. Given online
-- (the tracking page), through the single-use link of the result e-mail, or at a counter kiosk page.

-- What applicants are asked about. Administrators add, rename, reorder and deactivate criteria; an
-- inactive criterion is no longer asked but stays in the answers already given.
create table evaluation_criteria (
  id bigint generated always as identity primary key,
  code text not null unique check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  label_vi text not null check (length(label_vi) between 1 and 200),
  label_en text not null check (length(label_en) between 1 and 200),
  position integer not null,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index evaluation_criteria_position on evaluation_criteria (position, id);

-- Defaults from national practice: the criteria of Decree 61/2018/NĐ-CP art. 33 (attitude of the
-- officers, the guidance given, time kept, the result, publicity of the procedure) as the provinces'
-- one-stop evaluation forms put them to applicants, with the three levels of Decision 766/QĐ-TTg.
insert into evaluation_criteria (code, label_vi, label_en, position) values
  ('attitude', 'Thái độ, tinh thần phục vụ của cán bộ, công chức', 'Attitude and helpfulness of the officers', 1),
  ('guidance', 'Hướng dẫn kê khai, bổ sung hồ sơ rõ ràng, đầy đủ, một lần', 'Clear and complete guidance, given once', 2),
  ('timeliness', 'Thời gian giải quyết đúng hẹn', 'Result delivered on the promised date', 3),
  ('result', 'Kết quả giải quyết đúng quy định', 'Result correct and as the law provides', 4),
  ('disclosure', 'Công khai, minh bạch thông tin về thủ tục hành chính', 'Procedure information public and clear', 5);

create table evaluations (
  id bigint generated always as identity primary key,
  application_id bigint not null unique references applications(id),
  -- The handling agency (the receiving agency when none handled it) and that agency's unit.
  agency_id bigint not null references agencies(id),
  unit_id bigint not null references units(id),
  -- The officer who handled it: the application's assignee when its result was returned.
  officer_id bigint references users(id),
  -- The officer who returned the result at the counter (or opened the kiosk page), if known.
  counter_officer_id bigint references users(id),
  channel text not null check (channel in ('online', 'email', 'kiosk')),
  -- Overall: the lowest level given over the criteria.
  level text not null check (level in ('very_satisfied', 'satisfied', 'not_satisfied')),
  comment text check (length(comment) <= 1000),
  submitted_at timestamptz not null
);
create index evaluations_unit on evaluations (unit_id, submitted_at);
create index evaluations_officer on evaluations (officer_id, submitted_at) where officer_id is not null;
create index evaluations_submitted on evaluations (submitted_at);

create table evaluation_answers (
  evaluation_id bigint not null references evaluations(id),
  criterion_id bigint not null references evaluation_criteria(id),
  level text not null check (level in ('very_satisfied', 'satisfied', 'not_satisfied')),
  primary key (evaluation_id, criterion_id)
);
create index evaluation_answers_criterion on evaluation_answers (criterion_id);

-- Single-use links: the e-mail of a returned result, or the tracking page after the applicant proved
-- the code and the verification digits. Only the SHA-256 of the random token is kept.
create table evaluation_tokens (
  id bigint generated always as identity primary key,
  application_id bigint not null references applications(id),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  channel text not null check (channel in ('online', 'email')),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  check (expires_at > created_at)
);
create index evaluation_tokens_application on evaluation_tokens (application_id);
