-- First step of a rebuild (IndicatorClasses.Rebuild): the class tables emptied, inside the file's transaction.
DELETE FROM indicator_class_registered;

DELETE FROM indicator_class_active;

DELETE FROM indicator_class_hours;
