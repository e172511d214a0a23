-- The monthly 简报 (Reports): the issue number 第 N 期 of each (region, year, month), assigned once per year and
-- region in the order the months are first written, so that re-running a month keeps its number and no two months
-- share one; and each set of files written (by the command line or the monthly job).
CREATE TABLE IF NOT EXISTS briefing_issues (
    region_code VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    issue INTEGER NOT NULL,
    assigned_at TIMESTAMP NOT NULL,
    PRIMARY KEY (region_code, year, month),
    UNIQUE (region_code, year, issue)
);

CREATE TABLE IF NOT EXISTS briefings_written (
    region_code VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,
    issue INTEGER NOT NULL,
    folder VARCHAR NOT NULL,
    files VARCHAR NOT NULL,
    pdf_error VARCHAR,
    written_at TIMESTAMP NOT NULL
);
