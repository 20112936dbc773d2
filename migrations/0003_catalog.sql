-- Procedure catalogue: the canonical record as JSON, with the columns search and filters need.

-- The generic name a catalogue uses for an agency ("UBND cấp xã" stands for every commune's People's Committee).
alter table agencies add column catalog_name text;
create index agencies_catalog_name on agencies (catalog_name);

create table procedures (
  id bigint generated always as identity primary key,
  code text not null unique,
  name text not null,
  field text not null,
  field_code text,
  level text not null check (level in ('province', 'district', 'commune', 'vertical')),
  online_level text not null check (online_level in ('full', 'partial', 'none')),
  status text not null default 'active' check (status in ('active', 'retired')),
  version integer not null check (version >= 1),
  data_completeness text not null check (data_completeness in ('full', 'catalogue_only')),
  record jsonb not null,
  -- Name folded to lower case without diacritics (đ -> d), computed by the app: search matches it.
  search_name text not null,
  effective_from date,
  effective_to date,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index procedures_search_trgm on procedures using gin (search_name gin_trgm_ops);
create index procedures_filters on procedures (status, level, online_level);
create index procedures_field on procedures (field);

-- Every version a procedure has had: the record as it stood, who changed it and when.
create table procedure_versions (
  procedure_id bigint not null references procedures(id),
  version integer not null,
  record jsonb not null,
  changed_at timestamptz not null,
  changed_by bigint references users(id),
  primary key (procedure_id, version)
);

create table procedure_agencies (
  procedure_id bigint not null references procedures(id),
  agency_id bigint not null references agencies(id),
  role text not null check (role in ('implementing', 'deciding', 'coordinating')),
  primary key (procedure_id, agency_id, role)
);
create index procedure_agencies_agency on procedure_agencies (agency_id);
