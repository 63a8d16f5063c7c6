-- RANK with ties: apple orders 1 and 8 (3 items) share rank 1, so order 6 (2 items) has rank 3 and is cut.
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

SELECT product, id, quantity, rk
FROM (
  SELECT product, id, quantity,
         RANK() OVER (PARTITION BY product ORDER BY quantity DESC) AS rk
  FROM Orders
  WHERE quantity IS NOT NULL
)
WHERE rk <= 2;
