-- Per-step time limits inside the total (issue 6): the planned deadline of each stage of the
-- internal process (forwarding, assignment, proposal, review, approval), made when the clock starts
-- and again when the due date moves, a transfer or a send-back; and the deadline of the stage the
-- application stands at now, null while nothing runs (not accepted, paused, finished).
alter table applications add column step_plan jsonb;
alter table applications add column step_due_at timestamptz;
create index applications_step_due on applications (step_due_at) where step_due_at is not null;
