-- The three largest orders (a Top-N without partition): 3 (10 items), 5 (6), 10 (5); the NULL quantity goes last.
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

SELECT id, quantity
FROM Orders
ORDER BY quantity DESC NULLS LAST, id
LIMIT 3;
