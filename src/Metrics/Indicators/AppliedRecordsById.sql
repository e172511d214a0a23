-- After a service-record file is applied: indicator_records_by_id follows the replaced and stored versions.
DELETE FROM indicator_records_by_id WHERE row_key IN (SELECT row_key FROM refresh_replaced);

INSERT INTO indicator_records_by_id SELECT * FROM refresh_by_id;
