-- The classes ComputeClasses left in the contrib_* temporary tables, stored: the rebuild's way when two persons
-- share a person id (see RebuildPersons.sql).
INSERT INTO indicator_class_registered SELECT * FROM contrib_registered;

INSERT INTO indicator_class_active SELECT * FROM contrib_active;

INSERT INTO indicator_class_hours SELECT * FROM contrib_hours;
