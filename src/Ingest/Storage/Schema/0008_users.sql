-- Dashboard users (CONTRACT §9). Portable SQL (DuckDB and PostgreSQL): the server's state may move to PostgreSQL.
-- password_hash is ASP.NET Core's PasswordHasher format (PBKDF2); no password is ever stored. security_stamp
-- changes with the password, role or region, which ends the user's sessions and tokens.
CREATE TABLE users (
    username        VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash   VARCHAR(512) NOT NULL,
    role            VARCHAR(16)  NOT NULL, -- leader | analyst | admin
    region_code     VARCHAR(12),           -- NULL: every region; else this region and the regions below it
    security_stamp  VARCHAR(64)  NOT NULL,
    failed_logins   INTEGER      NOT NULL,
    locked_until    TIMESTAMP,             -- UTC
    created_at      TIMESTAMP    NOT NULL, -- UTC
    changed_at      TIMESTAMP    NOT NULL  -- UTC
);
