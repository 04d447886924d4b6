-- Each member's current practice session: the topic and difficulty they chose and the session's running score
-- ({"startedAt", "topic", "difficulty", "answered", "correct", "topics"}), for the summary that ends it.
CREATE TABLE practice_sessions (
  user_id text PRIMARY KEY,
  session jsonb NOT NULL
);
