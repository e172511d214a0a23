-- Files whose ingest has begun and not ended (CONTRACT §4: a kill mid-file leaves the database as it was). A row is
-- committed before the file's transaction and deleted inside it, so a row found when the database opens belongs to
-- a transaction that never completed. DuckDB 1.5.6 may nevertheless have recovered whole row groups that transaction
-- had written ahead into the file (seen after a kill -9 during the commit); InterruptedIngests.Undo removes them.
CREATE TABLE ingest_intents (
    file_id    BIGINT NOT NULL,
    name       VARCHAR NOT NULL,
    sha256     VARCHAR NOT NULL,
    started_at TIMESTAMP NOT NULL
);
