-- An OVER window with ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW ordered by a TIMESTAMP column that is not a time
-- attribute (the table has no watermark), as Flink 2.1 allows: an updating result. Per customer by ts: alice 3
-- (10:00:00, arrived after 1), 1, 8, 10 -> running sums 10, 13, 16, 21; bob 2 (NULL), 9, 6 -> NULL, 4, 6.
CREATE TABLE Orders (
  id BIGINT,
  customer STRING,
  product STRING,
  quantity INT,
  price DECIMAL(10, 2),
  ts TIMESTAMP(3)
) WITH ('connector' = 'filesystem', 'path' = 'data/orders.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true', 'csv.null-literal' = 'NULL');

SELECT id, customer, quantity,
       SUM(quantity) OVER (PARTITION BY customer ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS total,
       COUNT(*) OVER (PARTITION BY customer ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cnt
FROM Orders;
