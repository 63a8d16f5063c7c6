-- A correlated scalar subquery with GROUP BY: decorrelated as a plan (Calcite's decorrelator), the grouped sums under
-- SINGLE_VALUE per correlation key. alice: 3 + 10 + 3 + 5 = 21; bob: 2 + 4 = 6 (order 2's NULL quantity skipped); carol: 1;
-- erin has no orders, so the grouped subquery has no row: NULL.
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


SELECT c.name, (SELECT SUM(quantity) FROM Orders o WHERE o.customer = c.name GROUP BY o.customer) AS q FROM Customers c;
