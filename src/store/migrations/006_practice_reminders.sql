-- Members' DM reminders for due practice reviews: whether they opted in, and when the last one went out
-- ({"optedIn", "lastSentAt"}); opted_in mirrors the JSON for the scheduler's query.
CREATE TABLE practice_reminders (
  user_id text PRIMARY KEY,
  opted_in boolean NOT NULL,
  reminder jsonb NOT NULL
);
CREATE INDEX practice_reminders_opted_in ON practice_reminders (user_id) WHERE opted_in;
