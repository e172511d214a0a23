-- Service records that count by ID number (CONTRACT §5): they carry an ID number and no registration has their
-- volunteer_id. Kept with the indicator classes so that the records of a few persons are found by ID number in
-- this small table rather than among all records. The classes are marked unbuilt, so the next ingest rebuilds
-- both together.
CREATE TABLE indicator_records_by_id (
    row_key      VARCHAR NOT NULL,
    volunteer_id VARCHAR,
    id_hash      VARCHAR NOT NULL,
    service_date DATE NOT NULL,
    hours_units  BIGINT NOT NULL
);

DELETE FROM indicator_classes_built;
