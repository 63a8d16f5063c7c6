-- ORDER BY ... LIMIT over an updating result (a GROUP BY) is a Top-N without partition, as in Flink's streaming
-- sort-limit. Items per product: apple 3 + 1 + 2 + 3 = 9, banana 6 + 5 = 11 (order 2 has no quantity), cherry 10,
-- durian 1, NULL 4; by items descending, rows 2 and 3 (OFFSET 1) are cherry and apple.
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

SELECT product, SUM(quantity) AS items
FROM Orders
GROUP BY product
ORDER BY items DESC
LIMIT 2 OFFSET 1;
