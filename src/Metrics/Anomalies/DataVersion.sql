-- What was loaded: files, the last file id and the rows read. A stored check of another version is not current.
SELECT count(*) || ':' || coalesce(max(file_id), 0) || ':' || coalesce(sum(rows_read), 0) FROM files;
