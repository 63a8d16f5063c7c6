-- Flink docs: docs/content/docs/connectors/table/formats/csv.md, csv.quote-character ("Quote character for enclosing
-- field values") and csv.null-literal ("Null literal string that is interpreted as a null value"). Rows made up.
CREATE TABLE t (id INT, a STRING, b STRING) WITH (
  'connector' = 'filesystem',
  'path' = '../data/csv_quote_null.csv',
  'format' = 'csv',
  'csv.quote-character' = '''',
  'csv.null-literal' = 'N/A'
);

SELECT * FROM t;
