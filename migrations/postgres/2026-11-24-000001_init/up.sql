-- juri schema, PostgreSQL dialect. Ids are UUID text; times are UTC timestamps.
CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'committee', 'judge')),
    affiliation TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user_id ON sessions(user_id);

CREATE TABLE contests (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    year INTEGER NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    phase TEXT NOT NULL DEFAULT 'setup' CHECK (phase IN ('setup', 'judging', 'closed', 'published')),
    aggregation TEXT NOT NULL DEFAULT 'mean' CHECK (aggregation IN ('mean', 'median', 'trimmed_mean')),
    min_award_score BIGINT,
    blind BOOLEAN NOT NULL DEFAULT FALSE,
    published_at TIMESTAMP,
    result_digest TEXT,
    result_snapshot TEXT,
    created_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE clusters (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position INTEGER NOT NULL,
    winners_count INTEGER NOT NULL DEFAULT 5,
    UNIQUE (contest_id, name)
);

CREATE TABLE prize_tiers (
    id TEXT PRIMARY KEY NOT NULL,
    cluster_id TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    rank INTEGER NOT NULL,
    title TEXT NOT NULL,
    amount BIGINT NOT NULL,
    extra TEXT,
    condition_note TEXT,
    UNIQUE (cluster_id, rank)
);

CREATE TABLE criteria (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    weight INTEGER NOT NULL,
    min_score INTEGER NOT NULL,
    max_score INTEGER NOT NULL,
    levels TEXT NOT NULL DEFAULT '[]',
    tie_break_rank INTEGER
);
CREATE INDEX criteria_contest_id ON criteria(contest_id);

CREATE TABLE entries (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    cluster_id TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    innovator TEXT NOT NULL,
    unit TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    link TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX entries_contest_id ON entries(contest_id);
CREATE INDEX entries_cluster_id ON entries(cluster_id);

CREATE TABLE contest_judges (
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (contest_id, user_id)
);

CREATE TABLE judge_clusters (
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id),
    cluster_id TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    PRIMARY KEY (contest_id, user_id, cluster_id)
);

CREATE TABLE conflicts (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    judge_id TEXT NOT NULL REFERENCES users(id),
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('committee', 'recusal')),
    created_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (judge_id, entry_id)
);

CREATE TABLE assignments (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    judge_id TEXT NOT NULL REFERENCES users(id),
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (judge_id, entry_id)
);
CREATE INDEX assignments_contest_id ON assignments(contest_id);
CREATE INDEX assignments_entry_id ON assignments(entry_id);

CREATE TABLE sheets (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    judge_id TEXT NOT NULL REFERENCES users(id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
    comment TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL,
    submitted_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (entry_id, judge_id)
);
CREATE INDEX sheets_contest_id ON sheets(contest_id);

CREATE TABLE sheet_scores (
    sheet_id TEXT NOT NULL REFERENCES sheets(id) ON DELETE CASCADE,
    criterion_id TEXT NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
    score INTEGER NOT NULL,
    PRIMARY KEY (sheet_id, criterion_id)
);

CREATE TABLE waivers (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    entry_id TEXT NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    judge_id TEXT NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,
    created_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (entry_id, judge_id)
);

CREATE TABLE tie_resolutions (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    cluster_id TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    entry_order TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_by TEXT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY NOT NULL,
    contest_id TEXT,
    actor_id TEXT,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX audit_log_contest_id ON audit_log(contest_id, created_at);
