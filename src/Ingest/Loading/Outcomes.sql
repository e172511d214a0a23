SELECT CASE
         WHEN coalesce(prev_in_file, stored_hash) IS NULL THEN CASE WHEN matched THEN 'inserted' ELSE 'unmatched' END
         WHEN coalesce(prev_in_file, stored_hash) = content_hash THEN 'unchanged'
         ELSE 'updated'
       END AS outcome,
       count(*) AS n
FROM {stage_outcome}
GROUP BY ALL
