-- An OVER window ordered by a column that is not a time attribute (Flink 2.1): RANGE BETWEEN UNBOUNDED PRECEDING AND
-- CURRENT ROW by quantity per customer; the result is updating (a smaller quantity changes the sums after it). Per
-- customer sorted by quantity (NULL first): alice 3, 3 (orders 1 and 8, peers: 6 and 2 rows), 5 (11, 3), 10 (21, 4);
-- bob NULL (order 2: SUM NULL, 1 row), 2 (2, 2), 4 (6, 3); carol, NULL and dave one order each.
CREATE TABLE Orders (
  id BIGINT,
  customer STRING,
  product STRING,
  quantity INT,
  price DECIMAL(10, 2),
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'data/orders.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true', 'csv.null-literal' = 'NULL');

SELECT id, customer, quantity,
       SUM(quantity) OVER w AS total,
       COUNT(*) OVER w AS cnt
FROM Orders
WINDOW w AS (PARTITION BY customer ORDER BY quantity RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);
