-- Answers and right answers per topic of the question, for /quiz stats' accuracy by topic:
-- {"EMT": {"answered": 3, "correct": 2}, ...}. Read and written with the player's row, in the same transaction.
ALTER TABLE players ADD COLUMN topics jsonb NOT NULL DEFAULT '{}'::jsonb;
