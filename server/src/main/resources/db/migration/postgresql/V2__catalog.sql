-- The search catalog: one row per dataset the index knows or is about to know (Auctus's pending
-- index). The entry itself lives in the Lucene index; this is its state and where it came from.
CREATE TABLE catalog_entries (
  dataset_id    VARCHAR(64)   PRIMARY KEY,
  source        VARCHAR(200)  NOT NULL,
  location      VARCHAR(2000),
  job_id        VARCHAR(64),
  status        VARCHAR(16)   NOT NULL,
  error         TEXT,
  metadata      TEXT,
  discoverer_id VARCHAR(64),
  external_id   VARCHAR(1000),
  version       VARCHAR(500),
  indexed_at    TIMESTAMP WITH TIME ZONE,
  updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX catalog_by_discoverer ON catalog_entries (discoverer_id);
CREATE INDEX catalog_by_job ON catalog_entries (job_id);

-- Discoverers: plugins (found with ServiceLoader) that bring datasets in, run every interval.
CREATE TABLE discoverers (
  id               VARCHAR(64)  PRIMARY KEY,
  owner_id         VARCHAR(64)  NOT NULL REFERENCES quarry_users (id),
  name             VARCHAR(200) NOT NULL,
  type             VARCHAR(64)  NOT NULL,
  config           TEXT NOT NULL,
  interval_seconds BIGINT       NOT NULL,
  next_run_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  last_run_at      TIMESTAMP WITH TIME ZONE,
  last_job_id      VARCHAR(64),
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
