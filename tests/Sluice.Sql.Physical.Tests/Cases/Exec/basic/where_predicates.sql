-- IN list, BETWEEN, LIKE and IS NULL under OR. Order 2 (bob, NULL quantity, banana) evaluates to NULL and is dropped;
-- 6 (bob, 2, apple) is FALSE everywhere; 5 (NULL customer) passes by its quantity 6, 9 by its quantity and NULL product.
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
FROM Orders
WHERE customer IN ('alice', 'carol', 'zoe')
   OR quantity BETWEEN 4 AND 6
   OR product LIKE 'dur%'
   OR product IS NULL;
