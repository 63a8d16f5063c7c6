-- An OPTIONS hint overrides the table's options for one reference: the table's own path names no file, the hint's
-- reads the orders. Orders per product: apple 4 (ids 1, 4, 6, 8), banana 3 (2, 5, 10), cherry 1, durian 1, NULL 1 (9).
CREATE TABLE Orders (
  id BIGINT,
  customer STRING,
  product STRING,
  quantity INT,
  price DECIMAL(10, 2),
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'data/no-such-file.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true', 'csv.null-literal' = 'NULL');

SELECT product, COUNT(*) AS orders
FROM Orders /*+ OPTIONS('path' = 'data/orders.csv') */
GROUP BY product;
