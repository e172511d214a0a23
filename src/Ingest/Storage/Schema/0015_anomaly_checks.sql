-- Suspicious-hours flags (CONTRACT §10) as last computed for a year: by the server's nightly model job, or by
-- `./volstats anomalies` over the whole database. `quality`, the briefing and the pages mention them from here
-- without computing them again; `data_version` tells whether files were loaded since.
CREATE TABLE IF NOT EXISTS anomaly_checks (
    year         INTEGER   NOT NULL PRIMARY KEY,
    through      INTEGER   NOT NULL, -- the last month checked
    checked_at   TIMESTAMP NOT NULL, -- UTC
    data_version VARCHAR   NOT NULL  -- files loaded when checked (count:last id:rows read)
);

CREATE TABLE IF NOT EXISTS anomaly_flags (
    year         INTEGER   NOT NULL,
    kind         VARCHAR   NOT NULL,
    score        DOUBLE    NOT NULL,
    organization VARCHAR,
    volunteer_id VARCHAR,
    service_date DATE      NOT NULL,
    records      BIGINT    NOT NULL,
    hours        DOUBLE    NOT NULL,
    reason       VARCHAR   NOT NULL,
    record_ids   VARCHAR   NOT NULL  -- JSON array of the records' ids (or keys)
);
