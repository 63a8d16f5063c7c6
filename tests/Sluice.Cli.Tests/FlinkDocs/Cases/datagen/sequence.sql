-- Flink docs: docs/content/docs/connectors/table/datagen.md, the sequence generator: "users specify a sequence of start
-- and end values. If any column in a table is a sequence type, the table will be bounded and end with the first
-- sequence completes" (fields.#.kind / start / end; the Orders table of the page). Only the deterministic columns are read.
CREATE TABLE Orders (
    order_number BIGINT,
    price        DECIMAL(32,2),
    buyer        ROW<first_name STRING, last_name STRING>,
    order_time   TIMESTAMP(3),
    item         STRING
) WITH (
  'connector' = 'datagen',
  'fields.order_number.kind' = 'sequence',
  'fields.order_number.start' = '1',
  'fields.order_number.end' = '5',
  'fields.item.kind' = 'sequence',
  'fields.item.start' = '10',
  'fields.item.end' = '100'
);

SELECT order_number, item FROM Orders;
