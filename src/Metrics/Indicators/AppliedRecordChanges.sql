-- After the file is applied: contrib_records becomes the persons' records in the new state.
DELETE FROM contrib_records WHERE row_key IN (SELECT row_key FROM refresh_replaced);

INSERT INTO contrib_records SELECT * FROM refresh_stored;
