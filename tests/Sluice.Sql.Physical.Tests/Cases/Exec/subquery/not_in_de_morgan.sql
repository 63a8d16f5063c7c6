-- NOT (a OR b IN (...)) is NOT a AND b NOT IN (...) (as Flink's subquery rule reads it): an anti join. The customers who
-- ordered apples are alice, carol and bob (no NULL customer among them), so of the non-silver customers only erin is left.
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
WHERE NOT (c.tier = 'silver' OR c.name IN (SELECT o.customer FROM Orders AS o WHERE o.product = 'apple'));
