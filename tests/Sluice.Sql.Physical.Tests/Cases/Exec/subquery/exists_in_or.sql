-- EXISTS inside OR (not a conjunct, so not a semi join): as Calcite's SubQueryRemoveRule does for Flink, the count of
-- the subquery's rows per correlation key is left-joined onto the outer row and EXISTS is COUNT(*) > 0. alice has orders
-- of 10 (3) and 5 (10); bob's quantities are NULL, 2 and 4, carol's 1; erin is bronze (and has no orders).
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
WHERE c.tier = 'bronze' OR EXISTS (SELECT 1 FROM Orders AS o WHERE o.customer = c.name AND o.quantity >= 5);
