-- Users and their API keys (only a SHA-256 hash of each key is stored).
CREATE TABLE quarry_users (
  id          VARCHAR(64)  PRIMARY KEY,
  name        VARCHAR(200) NOT NULL UNIQUE,
  role        VARCHAR(16)  NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE api_keys (
  id           VARCHAR(64)  PRIMARY KEY,
  user_id      VARCHAR(64)  NOT NULL REFERENCES quarry_users (id) ON DELETE CASCADE,
  key_hash     CHAR(64)     NOT NULL UNIQUE,
  key_prefix   VARCHAR(16)  NOT NULL,
  name         VARCHAR(200),
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  last_used_at TIMESTAMP WITH TIME ZONE,
  revoked_at   TIMESTAMP WITH TIME ZONE
);

-- Datasets registered by users: a spec (the profiler's profile_specification) as JSON.
CREATE TABLE datasets (
  id          VARCHAR(64)  PRIMARY KEY,
  owner_id    VARCHAR(64)  NOT NULL REFERENCES quarry_users (id),
  name        VARCHAR(500),
  spec        CHARACTER LARGE OBJECT NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX datasets_owner ON datasets (owner_id, created_at);

-- Jobs: the durable record of every unit of work; db-scheduler holds only the dispatch.
CREATE TABLE jobs (
  id               VARCHAR(64) PRIMARY KEY,
  type             VARCHAR(32) NOT NULL,
  owner_id         VARCHAR(64) NOT NULL REFERENCES quarry_users (id),
  dataset_id       VARCHAR(64),
  spec             CHARACTER LARGE OBJECT NOT NULL,
  status           VARCHAR(16) NOT NULL,
  stage            VARCHAR(32) NOT NULL,
  units_done       BIGINT      NOT NULL DEFAULT 0,
  units_total      BIGINT      NOT NULL DEFAULT 0,
  attempts         INT         NOT NULL DEFAULT 0,
  cancel_requested BOOLEAN     NOT NULL DEFAULT FALSE,
  error            CHARACTER LARGE OBJECT,
  result           CHARACTER LARGE OBJECT,
  rows_processed   BIGINT      NOT NULL DEFAULT 0,
  bytes_processed  BIGINT      NOT NULL DEFAULT 0,
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  started_at       TIMESTAMP WITH TIME ZONE,
  finished_at      TIMESTAMP WITH TIME ZONE,
  updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX jobs_owner_created ON jobs (owner_id, created_at);
CREATE INDEX jobs_status ON jobs (status);

-- db-scheduler's table (its documented schema for this database).
CREATE TABLE scheduled_tasks (
  task_name            VARCHAR(100) NOT NULL,
  task_instance        VARCHAR(100) NOT NULL,
  task_data            BLOB,
  execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
  picked               BOOLEAN NOT NULL,
  picked_by            VARCHAR(100),
  last_success         TIMESTAMP WITH TIME ZONE,
  last_failure         TIMESTAMP WITH TIME ZONE,
  consecutive_failures INT,
  last_heartbeat       TIMESTAMP WITH TIME ZONE,
  version              BIGINT NOT NULL,
  priority             SMALLINT,
  PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
