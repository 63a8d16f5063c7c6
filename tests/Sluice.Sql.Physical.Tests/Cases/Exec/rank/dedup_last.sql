-- Deduplication keeping each customer's last order by event time: alice 10 (10:00:20), bob 6 (10:00:14; order 9
-- arrives later but happened earlier, so it does not replace it), carol 4, NULL 5, dave 7.
-- exact-changelog
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

SELECT id, customer, product
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY customer ORDER BY ts DESC) AS rn
  FROM Orders
)
WHERE rn = 1;
