-- CONTRACT §6: a rejected row names the field that decided its reason (empty for malformed_row) and, in an XLSX
-- workbook, its sheet; seq is the record's place in the file, so that rows of several sheets list in file order.
ALTER TABLE rejects ADD COLUMN field VARCHAR;
ALTER TABLE rejects ADD COLUMN sheet VARCHAR;
ALTER TABLE rejects ADD COLUMN seq BIGINT;
