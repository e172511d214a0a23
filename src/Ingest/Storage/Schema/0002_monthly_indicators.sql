-- Parent of a region code by its own structure (CONTRACT §2): 12 → 9 → 6 → city XXXX00 → province XX0000.
CREATE OR REPLACE MACRO structural_parent(c) AS
    CASE
        WHEN length(c) = 12 THEN c[1:9]
        WHEN length(c) = 9 THEN c[1:6]
        WHEN length(c) = 6 AND c[3:6] = '0000' THEN NULL
        WHEN length(c) = 6 AND c[5:6] = '00' THEN c[1:2] || '0000'
        WHEN length(c) = 6 THEN c[1:4] || '00'
        ELSE NULL
    END;

-- Counts behind the indicators for every region and month of the data, refreshed in the same
-- transaction as each ingest so that readers never compute from raw rows or see half a refresh.
CREATE TABLE monthly_indicators (
    region_code VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    month       INTEGER NOT NULL,
    registered  BIGINT NOT NULL,
    active      BIGINT NOT NULL,
    total_units HUGEINT NOT NULL
);

-- Which months monthly_indicators covers (month index = year * 12 + month - 1); empty when never refreshed.
CREATE TABLE monthly_coverage (
    first_month INTEGER NOT NULL,
    last_month  INTEGER NOT NULL,
    refreshed_at TIMESTAMP NOT NULL
);
