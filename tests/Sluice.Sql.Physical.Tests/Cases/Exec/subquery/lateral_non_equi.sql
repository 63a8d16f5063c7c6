-- A LATERAL aggregate correlated by a non-equality: the orders of customers whose names sort before the customer's.
-- Decorrelated over the distinct names. alice: none; bob: alice's 4 (21 items); carol: + bob's 3 (6 items); erin: + carol's
-- and dave's 1 each (1 item each). Order 5 (NULL customer) is never counted.
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

SELECT c.name, x.n, x.q
FROM Customers c, LATERAL (SELECT COUNT(*) AS n, SUM(quantity) AS q FROM Orders WHERE customer < c.name) x;
