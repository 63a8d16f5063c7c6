-- A LATERAL subquery with GROUP BY and HAVING: per customer and product, groups of more than one item in total.
-- alice apple (orders 1, 8: 6 items), banana 5, cherry 10; bob apple 2, NULL product (order 9) 4; bob's banana (NULL
-- quantity) and carol's apple (1) fail HAVING; erin has no group, so no row.
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

CREATE TABLE Customers (
  name STRING,
  city STRING,
  tier STRING
) WITH ('connector' = 'filesystem', 'path' = 'data/customers.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true', 'csv.null-literal' = 'NULL');

SELECT c.name, x.product, x.n, x.q
FROM Customers c, LATERAL (
  SELECT product, COUNT(*) AS n, SUM(quantity) AS q FROM Orders WHERE customer = c.name GROUP BY product HAVING SUM(quantity) > 1) x;
