-- Flink docs: docs/content/docs/connectors/table/formats/csv.md, csv.ignore-parse-errors: "Skip fields and rows with
-- parse errors instead of failing. Fields are set to null in case of errors." A value that does not parse skips its row;
-- a row with fewer fields than columns keeps the row with the missing fields null (Flink checks the field count only
-- without this option). Rows made up.
CREATE TABLE t (id INT, name STRING, n INT) WITH (
  'connector' = 'filesystem',
  'path' = '../data/csv_bad.csv',
  'format' = 'csv',
  'csv.ignore-parse-errors' = 'true'
);

SELECT * FROM t;
