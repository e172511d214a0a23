-- The versions an interrupted ingest moved to a kind's history ({history}, KindLoader.HistoryTable), its own
-- replaced rows included: all carry it as superseded_by_file (Loading/History.sql).
DELETE FROM {history} WHERE superseded_by_file = $file_id;
