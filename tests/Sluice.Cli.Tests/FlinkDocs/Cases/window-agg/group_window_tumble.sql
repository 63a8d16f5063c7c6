-- Flink docs: docs/content/docs/sql/reference/queries/window-agg.md, Group Window Aggregation (deprecated): TUMBLE in
-- GROUP BY with TUMBLE_START. The page shows no data; these rows are made up: user 1 orders 10 and 5 on the first day
-- and 7 on the second, user 2 orders 20 on the first, user 9 orders 1 on the third. USER is a reserved word, so the
-- column is quoted; the unnamed SUM is EXPR$2.
CREATE TABLE Orders (
  `user`     BIGINT,
  product    STRING,
  amount     INT,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = '../data/orders_group_window.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

SELECT
  `user`,
  TUMBLE_START(order_time, INTERVAL '1' DAY) AS wStart,
  SUM(amount) FROM Orders
GROUP BY
  TUMBLE(order_time, INTERVAL '1' DAY),
  `user`;
