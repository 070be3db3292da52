-- Migration number: 0001 	 initial schema

-- One row per graded answer as it was received (the raw request body, JSON).
CREATE TABLE IF NOT EXISTS submissions (
  id          TEXT PRIMARY KEY,
  scenario_id TEXT NOT NULL,
  received_at TEXT NOT NULL,          -- RFC 3339, UTC
  body        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS submissions_scenario ON submissions (scenario_id, received_at);

-- The grade report of a submission (report = the full JSON report).
CREATE TABLE IF NOT EXISTS results (
  submission_id TEXT PRIMARY KEY,
  scenario_id   TEXT NOT NULL,
  score         REAL NOT NULL,
  max_score     REAL NOT NULL,
  passed        INTEGER NOT NULL,   -- 0 or 1
  report        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS results_scenario ON results (scenario_id);

-- A batch of submissions graded together (e.g. a class's CSV upload).
CREATE TABLE IF NOT EXISTS batches (
  id          TEXT PRIMARY KEY,
  scenario_id TEXT NOT NULL,
  created_at  TEXT NOT NULL,          -- RFC 3339, UTC
  status      TEXT NOT NULL,          -- e.g. queued | running | done | failed
  total       INTEGER NOT NULL DEFAULT 0,
  done        INTEGER NOT NULL DEFAULT 0
);
