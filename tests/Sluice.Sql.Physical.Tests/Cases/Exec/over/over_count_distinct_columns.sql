-- COUNT(DISTINCT customer, product) over all earlier rows in event-time order: orders by ts are 3 (alice, cherry) 1,
-- 1 (alice, apple) 2, 2 (bob, banana) 3, 5 (NULL, banana) not counted 3, 4 (carol, apple) 4, 7 (dave, durian) 5,
-- 9 (bob, NULL) not counted 5, 6 (bob, apple) 6, 8 (alice, apple) again 6, 10 (alice, banana) 7.
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

SELECT id,
       COUNT(DISTINCT customer, product) OVER (ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS pairs
FROM Orders;
