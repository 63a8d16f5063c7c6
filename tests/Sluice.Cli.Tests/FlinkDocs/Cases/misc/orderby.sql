-- Flink docs: docs/content/docs/sql/reference/queries/orderby.md. The page shows no data; these rows are made up
-- (out of order within the watermark delay). Sorted by the time attribute, then order_id.
-- compare: ordered
CREATE TABLE Orders (
  order_id INT,
  order_time TIMESTAMP(3),
  id INT,
  WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/orders_time.csv', 'format' = 'csv');

SELECT *
FROM Orders
ORDER BY order_time, order_id;
