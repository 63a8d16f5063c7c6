-- NOT EXISTS over an aggregation without GROUP BY (one row for every customer, COUNT 0 over none) whose HAVING drops it:
-- the count is left-joined per customer and the HAVING is a flag over it. alice has 4 orders, bob 3 (2, 6, 9): their
-- row is there; carol has 1 and erin none, so HAVING drops the row and NOT EXISTS holds.
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
SELECT c.name
FROM Customers AS c
WHERE NOT EXISTS (SELECT COUNT(*) FROM Orders AS o WHERE o.customer = c.name HAVING COUNT(*) >= 3);
