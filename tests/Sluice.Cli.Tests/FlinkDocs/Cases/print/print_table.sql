-- Flink docs: docs/content/docs/connectors/table/print.md, "How to create a Print table" (print_table), written to by an
-- INSERT; the output format row "output, no PRINT_IDENTIFIER provided, parallelism == 1": each row as its row kind
-- and fields ("+I[1, 1, a, 1.0]", Flink's Row.toString). The rows are made up.
-- compare: text
CREATE TABLE print_table (
  f0 INT,
  f1 INT,
  f2 STRING,
  f3 DOUBLE
) WITH (
  'connector' = 'print'
);

INSERT INTO print_table VALUES (1, 1, 'a', 1.0), (2, NULL, 'b c', 2.5);
