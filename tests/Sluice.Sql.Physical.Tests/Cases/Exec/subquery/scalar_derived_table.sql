-- A correlated scalar subquery over a derived table that reads the outer row. Amounts: alice 4.50, 40.00, 4.50, 1.25;
-- bob NULL (quantity), 3.00, NULL (price); carol 1.50; erin none (NULL).
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


SELECT c.name, (SELECT MAX(s.amount) FROM (SELECT quantity * price AS amount FROM Orders o WHERE o.customer = c.name) s) AS top
FROM Customers c;
