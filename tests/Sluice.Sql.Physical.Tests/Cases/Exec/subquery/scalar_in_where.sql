-- An uncorrelated scalar subquery in WHERE: the orders priced above the average price. AVG skips order 9's NULL
-- price: (1.50 + 0.25 + 4.00 + 1.50 + 0.25 + 1.50 + 12.00 + 1.50 + 0.25) / 9 = 22.75 / 9 = 2.527..., so orders 3
-- (4.00) and 7 (12.00) remain once every order is in.
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

SELECT id, price
FROM Orders
WHERE price > (SELECT AVG(price) FROM Orders);
