-- LIMIT without ORDER BY in a correlated LATERAL subquery: the first rows of each customer in arrival order (as
-- Flink's CorrelateSortToRankRule, a Top-N without sort key). orders.csv in file order: alice 1 (apple), 3 (cherry);
-- bob 2 (banana), 6 (apple); carol 4 (apple); erin has none.
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


SELECT c.name, x.product FROM Customers c, LATERAL (SELECT product FROM Orders o WHERE o.customer = c.name LIMIT 2) x;
