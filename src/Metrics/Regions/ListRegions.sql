-- Regions named in the regions file, with their direct parent: the one the file names, else by the code.
SELECT code, name, coalesce(parent_code, structural_parent(code)) AS parent
FROM regions
ORDER BY code
