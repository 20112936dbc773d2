-- Online fee payments (issue 10): one row per attempt at the payment gateway (the VNPay protocol,
-- version 2.1.0), and every callback the gateway (or anyone else) sent, kept raw with what its
-- verification found. Money moves an application on only through a verified IPN (server to server);
-- the return URL only shows the payer where things stand.

create table payments (
  id bigint generated always as identity primary key,
  -- vnp_TxnRef: our reference of the attempt. The gateway asks it unique per day; here it is unique for ever.
  txn_ref text not null unique check (txn_ref ~ '^[0-9A-Z]{8,34}$'),
  application_id bigint not null references applications(id),
  -- What it pays: the fee an officer asked for (status 6, the request_fee event), or the catalogue's
  -- online fee paid right after submission (fee_index: which of the online channel's fees).
  purpose text not null check (purpose in ('fee_due', 'submission')),
  fee_event_id bigint references application_events(id),
  fee_index smallint,
  gateway text not null default 'vnpay',
  amount_vnd bigint not null check (amount_vnd > 0),
  order_info text not null,
  payer_user_id bigint references users(id),
  client_ip text,
  locale text not null check (locale in ('vi', 'en')),
  -- vnp_CreateDate and vnp_ExpireDate as sent (yyyyMMddHHmmss, GMT+7), so the same URL can be rebuilt.
  create_date text not null check (create_date ~ '^\d{14}$'),
  expire_date text not null check (expire_date ~ '^\d{14}$'),
  expires_at timestamptz not null,
  status text not null default 'created' check (status in ('created', 'succeeded', 'failed', 'cancelled')),
  -- What the verified IPN said.
  response_code text,
  transaction_status text,
  gateway_transaction_no text,
  bank_code text,
  bank_tran_no text,
  card_type text,
  paid_at timestamptz,
  completed_at timestamptz,
  -- When the money was credited to the application (the event that did it), or why it could not be.
  applied_at timestamptz,
  applied_event_id bigint references application_events(id),
  unapplied_reason text check (unapplied_reason in ('application_moved', 'application_closed', 'already_paid')),
  receipt_number text unique,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (purpose <> 'fee_due' or fee_event_id is not null),
  check (purpose <> 'submission' or fee_index is not null),
  check (applied_at is null or status = 'succeeded')
);
create index payments_application on payments (application_id, id);
create index payments_created on payments (created_at);
create index payments_paid on payments (paid_at) where status = 'succeeded';
-- A fee is credited once: a second confirmation (a replayed IPN, a second attempt paid in another tab)
-- can never be applied again, whatever the code above does.
create unique index payments_applied_fee on payments (fee_event_id)
  where applied_at is not null and purpose = 'fee_due';
create unique index payments_applied_submission on payments (application_id)
  where applied_at is not null and purpose = 'submission';

-- Every IPN and every return-URL visit, as received (vnp_* parameters), whether or not it verified.
create table payment_callbacks (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('ipn', 'return')),
  received_at timestamptz not null,
  txn_ref text,
  payment_id bigint references payments(id),
  params jsonb not null,
  signature_valid boolean not null,
  -- ipn: the RspCode answered ('00', '01', '02', '04', '97', '99'); return: what the visitor was shown.
  outcome text not null,
  client_ip text
);
create index payment_callbacks_payment on payment_callbacks (payment_id, id);
create index payment_callbacks_received on payment_callbacks (received_at);
create index payment_callbacks_txn on payment_callbacks (txn_ref);
