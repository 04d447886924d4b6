-- What members wrote after 👎 ("What was wrong?"), with the question and the answer, for /config feedback.
-- The id orders them; the oldest beyond the cap are deleted with each insert.
CREATE TABLE feedback_notes (
  id bigserial PRIMARY KEY,
  guild_id text,
  at text NOT NULL,
  note jsonb NOT NULL
);
CREATE INDEX feedback_notes_by_guild ON feedback_notes (guild_id, id);
