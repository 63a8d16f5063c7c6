-- Flink docs: docs/content/docs/connectors/table/print.md, output format "PRINT_IDENTIFIER> output" (print-identifier
-- given, parallelism == 1). The rows are a datagen sequence.
-- compare: text
CREATE TABLE src (id INT, name STRING) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence',
  'fields.id.start' = '1', 'fields.id.end' = '3', 'fields.name.length' = '3');

CREATE TABLE print_table (id INT) WITH ('connector' = 'print', 'print-identifier' = 'dbg');

INSERT INTO print_table SELECT id FROM src;
