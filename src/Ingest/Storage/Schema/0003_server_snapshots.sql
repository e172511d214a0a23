-- Nightly data-quality snapshots taken by the server: rejected rows by kind and reason, and service records
-- still waiting for their volunteer (measure 'unmatched', kind 'service_records', reason empty).
CREATE TABLE quality_snapshots (
    taken_at TIMESTAMP NOT NULL, -- UTC
    measure  VARCHAR NOT NULL,   -- 'rejected' or 'unmatched'
    kind     VARCHAR NOT NULL,
    reason   VARCHAR,
    rows     BIGINT NOT NULL
);

-- The indicators of each month just ended, as the CSV of `./volstats indicators --format csv`, one per level.
CREATE TABLE monthly_reports (
    year        INTEGER NOT NULL,
    month       INTEGER NOT NULL,
    level       VARCHAR NOT NULL,
    computed_at TIMESTAMP NOT NULL, -- UTC
    csv         VARCHAR NOT NULL,
    PRIMARY KEY (year, month, level)
);
