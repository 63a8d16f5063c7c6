-- IN over an aggregation without GROUP BY: the subquery has exactly one row for every customer, its COUNT 0 when the
-- customer has no orders (left-joined, COALESCE(count, 0)), so only erin's count is 0.
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
WHERE 0 IN (SELECT COUNT(*) FROM Orders AS o WHERE o.customer = c.name);
