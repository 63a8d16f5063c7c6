-- Flink docs: docs/content/docs/sql/reference/queries/over-agg.md, ORDER BY a non-time attribute with a ROWS interval
-- (ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW). The page shows no data; these rows are made up. The result is
-- updating; applied, product A sorted by amount is 10 (order 2: 10), 20 (order 1: 30), 30 (order 4: 60), 40 (order 3:
-- 100), and product B order 5 alone (7).
-- compare: final
CREATE TABLE Orders (
  order_id INT,
  product STRING,
  amount INT
) WITH ('connector' = 'filesystem', 'path' = '../data/orders_non_time_rows.csv', 'format' = 'csv');

SELECT order_id, amount,
  SUM(amount) OVER (PARTITION BY product ORDER BY amount ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running_amount,
  COUNT(*) OVER (PARTITION BY product ORDER BY amount ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS position
FROM Orders;
