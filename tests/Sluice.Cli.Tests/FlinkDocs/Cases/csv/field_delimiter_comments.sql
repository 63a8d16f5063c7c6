-- Flink docs: docs/content/docs/connectors/table/formats/csv.md, csv.field-delimiter (a single character) and
-- csv.allow-comments ("Ignore comment lines that start with '#'"); a quoted field keeps the delimiter. Rows made up.
CREATE TABLE user_behavior (
  user_id BIGINT,
  item_id BIGINT,
  behavior STRING,
  note STRING
) WITH (
  'connector' = 'filesystem',
  'path' = '../data/csv_pipe.csv',
  'format' = 'csv',
  'csv.field-delimiter' = '|',
  'csv.allow-comments' = 'true'
);

SELECT * FROM user_behavior;
