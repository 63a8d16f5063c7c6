-- Uncorrelated scalar subqueries in SELECT: an aggregate (orders of at least 5 items: 3, 5 and 10) and a plain
-- query that returns one row (order 7's product), appended to every customer.
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

SELECT name,
  (SELECT COUNT(*) FROM Orders WHERE quantity >= 5) AS bigOrders,
  (SELECT product FROM Orders WHERE id = 7) AS product7
FROM Customers;
