-- Flink docs: docs/content/docs/connectors/table/print.md, "CREATE TABLE print_table WITH ('connector' = 'print') LIKE
-- source_table (EXCLUDING ALL)". The page shows no source_table; this one has a computed column, a watermark, a primary
-- key and options, all of which EXCLUDING ALL leaves out (physical columns are always merged, create.md).
-- compare: text
CREATE TABLE source_table (
  id BIGINT NOT NULL,
  name STRING,
  ts TIMESTAMP(3),
  name_length AS CHAR_LENGTH(name),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND,
  PRIMARY KEY (id) NOT ENFORCED
) WITH ('connector' = 'datagen', 'number-of-rows' = '3');

CREATE TABLE print_table WITH ('connector' = 'print')
LIKE source_table (EXCLUDING ALL);

SHOW CREATE TABLE print_table;
DESCRIBE print_table;
