-- The persons behind the monthly indicators, counted by class (CONTRACT §5). A person is in P at the end of
-- month index m (= year * 12 + month - 1) exactly when first_m <= m < end_m, where first_m is the month of their
-- registration and end_m the month of their cancellation (2147483647 when not cancelled); home_region is where
-- they count. Every count below is a sum over persons, so an ingest updates these tables by subtracting the old
-- contribution of the persons it touches and adding their new one, and monthly_indicators is expanded from them
-- without reading the raw rows again.

-- Persons per class.
CREATE TABLE indicator_class_registered (
    home_region VARCHAR NOT NULL,
    first_m     INTEGER NOT NULL,
    end_m       INTEGER NOT NULL,
    n           BIGINT NOT NULL
);

-- Persons per class whose first month with service hours in year y is a_m (active from a_m to December of y).
CREATE TABLE indicator_class_active (
    home_region VARCHAR NOT NULL,
    first_m     INTEGER NOT NULL,
    end_m       INTEGER NOT NULL,
    y           INTEGER NOT NULL,
    a_m         INTEGER NOT NULL,
    n           BIGINT NOT NULL
);

-- Service time (hours units) per class and month of service.
CREATE TABLE indicator_class_hours (
    home_region VARCHAR NOT NULL,
    first_m     INTEGER NOT NULL,
    end_m       INTEGER NOT NULL,
    s_m         INTEGER NOT NULL,
    units       HUGEINT NOT NULL
);

-- One row once the class tables hold every person; until then (a database from before this version) the
-- next ingest rebuilds them from the raw rows.
CREATE TABLE indicator_classes_built (
    built_at TIMESTAMP NOT NULL
);
