-- A VALUES table joined with a file: apple orders (1, 4, 6, 8) are fruit, the durian (7) smelly; nothing is kale.
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

SELECT o.id, p.label
FROM Orders AS o
JOIN (VALUES (CAST('apple' AS STRING), 'fruit'), ('durian', 'smelly'), ('kale', 'veg')) AS p (product, label)
  ON o.product = p.product;
