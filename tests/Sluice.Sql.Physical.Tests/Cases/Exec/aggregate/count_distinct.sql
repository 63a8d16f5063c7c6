-- COUNT(DISTINCT) ignores NULL (banana: bob, NULL, alice -> 2) and SUM(DISTINCT) sums each value once
-- (apple: quantities 3, 1, 2, 3 -> 6).
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

SELECT product,
       COUNT(DISTINCT customer) AS buyers,
       COUNT(*) AS orders,
       SUM(DISTINCT quantity) AS distinct_quantities
FROM Orders
GROUP BY product;
