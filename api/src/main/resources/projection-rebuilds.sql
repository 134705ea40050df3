-- Blue/green projection rebuilds and processor resets (docs/adr/0010). Run by integr8s at start; the replay-tool's
-- tests create their tables from this same file.
CREATE TABLE IF NOT EXISTS projection_generations (
    projection  TEXT PRIMARY KEY,
    generation  INT NOT NULL,
    switched_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS projection_rebuilds (
    id                  UUID PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('rebuild', 'reset')),
    target              TEXT NOT NULL,
    from_time           TIMESTAMPTZ,
    status              TEXT NOT NULL
                        CHECK (status IN ('requested', 'running', 'switching', 'completed', 'failed', 'cancelled')),
    generation          INT,
    previous_generation INT,
    halted_processor    TEXT,
    owner               TEXT,
    heartbeat_at        TIMESTAMPTZ,
    processed           BIGINT NOT NULL DEFAULT 0,
    total               BIGINT NOT NULL DEFAULT 0,
    error               TEXT,
    requested_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at          TIMESTAMPTZ,
    finished_at         TIMESTAMPTZ
);
CREATE UNIQUE INDEX IF NOT EXISTS projection_rebuilds_one_active_per_target ON projection_rebuilds (target)
    WHERE status IN ('requested', 'running', 'switching');
