-- The class tables are complete: from now on a file updates them rather than rebuilding (ClassesBuilt).
DELETE FROM indicator_classes_built;

INSERT INTO indicator_classes_built VALUES ($now);
