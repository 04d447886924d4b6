-- The bot's state on PostgreSQL: one table per port. What the domain reads back is validated by the zod
-- schemas in src/store/schema.ts; the constraints here are what keeps the rules true across processes.
-- Instants are ISO strings (`Date.toISOString()`), which sort as they compare and read back unchanged.

CREATE TABLE guild_settings (
  guild_id text PRIMARY KEY,
  settings jsonb NOT NULL
);

CREATE TABLE rounds (
  id text PRIMARY KEY,
  guild_id text NOT NULL,
  local_date text NOT NULL,
  status text NOT NULL CHECK (status IN ('posting', 'open', 'closed', 'failed')),
  revealed boolean NOT NULL DEFAULT false,
  -- The whole Round (schema.ts) but its answers; the columns above mirror its fields for queries.
  round jsonb NOT NULL,
  -- One daily question per guild and local day, whichever process tries to post it.
  CONSTRAINT one_round_per_guild_per_day UNIQUE (guild_id, local_date)
);
CREATE INDEX rounds_unfinished ON rounds (guild_id)
  WHERE status IN ('posting', 'open') OR (status = 'closed' AND NOT revealed);

CREATE TABLE used_items (
  guild_id text PRIMARY KEY,
  item_ids jsonb NOT NULL
);

CREATE TABLE answers (
  round_id text NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  user_id text NOT NULL,
  choice smallint NOT NULL CHECK (choice BETWEEN 0 AND 3),
  correct boolean NOT NULL,
  at text NOT NULL,
  -- One answer per member per round: the first one stands.
  CONSTRAINT one_answer_per_member_per_round PRIMARY KEY (round_id, user_id)
);

CREATE TABLE players (
  guild_id text NOT NULL,
  user_id text NOT NULL,
  answered integer NOT NULL DEFAULT 0 CHECK (answered >= 0),
  correct integer NOT NULL DEFAULT 0 CHECK (correct >= 0),
  current_streak integer NOT NULL DEFAULT 0 CHECK (current_streak >= 0),
  best_streak integer NOT NULL DEFAULT 0 CHECK (best_streak >= 0),
  PRIMARY KEY (guild_id, user_id)
);

CREATE TABLE practice_cards (
  user_id text NOT NULL,
  item_id text NOT NULL,
  card jsonb NOT NULL,
  PRIMARY KEY (user_id, item_id)
);

CREATE TABLE ask_records (
  answer_id text PRIMARY KEY,
  created_at text NOT NULL,
  record jsonb NOT NULL
);
CREATE INDEX ask_records_by_age ON ask_records (created_at);

CREATE TABLE votes (
  answer_id text NOT NULL,
  user_id text NOT NULL,
  vote text NOT NULL CHECK (vote IN ('up', 'down')),
  PRIMARY KEY (answer_id, user_id)
);

CREATE TABLE conversations (
  thread_id text PRIMARY KEY,
  last_at text NOT NULL,
  turns jsonb NOT NULL
);
CREATE INDEX conversations_by_age ON conversations (last_at);
