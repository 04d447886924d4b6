-- Members' reports on quiz questions ({"id", "itemId", "userId", "guildId", "source", "text", "at"}), the newest
-- kept (MAX_QUIZ_REPORTS in schema.ts), and the items admins retired from the daily rotation and practice.
CREATE TABLE quiz_reports (
  id text PRIMARY KEY,
  at text NOT NULL,
  report jsonb NOT NULL
);
CREATE INDEX quiz_reports_newest ON quiz_reports (at DESC);

CREATE TABLE retired_items (
  item_id text PRIMARY KEY,
  -- {"by": userId, "at": instant}
  retired jsonb NOT NULL
);
