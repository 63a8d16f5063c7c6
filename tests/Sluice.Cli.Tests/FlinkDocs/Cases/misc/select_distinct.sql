-- Flink docs: docs/content/docs/dev/table/sql/queries/select-distinct.md. The page shows no data; these rows are made up.
-- compare: final
CREATE TABLE Orders (
  order_id INT,
  order_time TIMESTAMP(3),
  id INT,
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/orders_time.csv', 'format' = 'csv');

SELECT DISTINCT id FROM Orders;
