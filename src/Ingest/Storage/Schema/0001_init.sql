-- Files seen by the ingest, one row per distinct content (SHA-256).
CREATE TABLE files (
    file_id            BIGINT NOT NULL,
    sha256             VARCHAR NOT NULL,
    name               VARCHAR NOT NULL,
    kind               VARCHAR NOT NULL,
    ingested_at        TIMESTAMP NOT NULL,
    rows_read          BIGINT NOT NULL,
    inserted           BIGINT NOT NULL,
    updated            BIGINT NOT NULL,
    unchanged          BIGINT NOT NULL,
    unmatched          BIGINT NOT NULL,
    rejected           BIGINT NOT NULL,
    rejected_by_reason VARCHAR NOT NULL
);

CREATE TABLE rejects (
    file_id BIGINT NOT NULL,
    line    BIGINT NOT NULL,
    kind    VARCHAR NOT NULL,
    reason  VARCHAR NOT NULL,
    raw     VARCHAR NOT NULL
);

-- Roster snapshot: one row per volunteer_id, the latest version only.
-- person_key is the HMAC of the ID number ('h:…') or 'v:' + volunteer_id.
CREATE TABLE registrations (
    row_key          VARCHAR NOT NULL, -- volunteer_id
    volunteer_id     VARCHAR NOT NULL,
    person_key       VARCHAR NOT NULL,
    id_hash          VARCHAR,
    id_checksum_ok   BOOLEAN,
    name_masked      VARCHAR,
    gender           VARCHAR,
    birth_date       VARCHAR,
    organization     VARCHAR,
    political_status VARCHAR,
    status           VARCHAR,
    is_cancelled     BOOLEAN NOT NULL,
    cancelled_at     DATE,
    registered_at    DATE NOT NULL,
    region_code      VARCHAR NOT NULL,
    content_hash     UUID NOT NULL,
    file_id          BIGINT NOT NULL,
    line             BIGINT NOT NULL
);

-- Current version of each service record; superseded versions go to service_record_history.
CREATE TABLE service_records (
    row_key       VARCHAR NOT NULL, -- record key (CONTRACT §1)
    record_id     VARCHAR,
    volunteer_id  VARCHAR,
    id_hash       VARCHAR,
    project_id    VARCHAR,
    project_name  VARCHAR,
    organization  VARCHAR,
    service_date  DATE NOT NULL,
    hours_units   BIGINT NOT NULL,
    category      VARCHAR,
    content_hash  UUID NOT NULL,
    file_id       BIGINT NOT NULL,
    line          BIGINT NOT NULL
);

CREATE TABLE service_record_history (
    row_key       VARCHAR NOT NULL, -- record key (CONTRACT §1)
    record_id     VARCHAR,
    volunteer_id  VARCHAR,
    id_hash       VARCHAR,
    project_id    VARCHAR,
    project_name  VARCHAR,
    organization  VARCHAR,
    service_date  DATE NOT NULL,
    hours_units   BIGINT NOT NULL,
    category      VARCHAR,
    content_hash  UUID NOT NULL,
    file_id       BIGINT NOT NULL,
    line          BIGINT NOT NULL,
    superseded_by_file BIGINT NOT NULL
);

CREATE TABLE regions (
    row_key      VARCHAR NOT NULL, -- code
    code         VARCHAR NOT NULL,
    name         VARCHAR NOT NULL,
    parent_code  VARCHAR,
    level_text   VARCHAR,
    content_hash UUID NOT NULL,
    file_id      BIGINT NOT NULL,
    line         BIGINT NOT NULL
);

CREATE TABLE population (
    row_key      VARCHAR NOT NULL, -- region_code|year
    region_code  VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    population   BIGINT NOT NULL,
    content_hash UUID NOT NULL,
    file_id      BIGINT NOT NULL,
    line         BIGINT NOT NULL
);

-- Fingerprint of the site secret the ID hashes were made with, so a lost or swapped secret is caught.
CREATE TABLE site (
    secret_fingerprint VARCHAR NOT NULL
);
