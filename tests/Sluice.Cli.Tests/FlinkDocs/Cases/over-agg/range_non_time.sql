-- Flink docs: docs/content/docs/sql/reference/queries/over-agg.md, a RANGE interval over a non-time attribute:
-- RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW ordered by amount. The page shows no data; these rows are made up.
-- The result is updating (an order with a smaller amount changes the sums of the larger ones), so the changelog is
-- applied: product A sorted by amount is 10 (order 2), 20 and 20 (orders 1 and 4, peers: both 10 + 20 + 20 = 50),
-- 30 (order 5: 80); product B has order 3 alone (5).
-- compare: final
CREATE TABLE Orders (
  order_id INT,
  product STRING,
  amount INT
) WITH ('connector' = 'filesystem', 'path' = '../data/orders_non_time.csv', 'format' = 'csv');

SELECT order_id, product, amount,
  SUM(amount) OVER (
    PARTITION BY product
    ORDER BY amount
    RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
  ) AS running_amount
FROM Orders;
