-- EXISTS in HAVING, correlated on a GROUP BY column: a semi join of the aggregation's output. Orders per customer:
-- alice 4, bob 3, carol 1, dave 1, NULL 1; the gold customers are alice and carol (dave is no customer; NULL matches no
-- name).
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
SELECT o.customer, COUNT(*) AS n
FROM Orders AS o
GROUP BY o.customer
HAVING EXISTS (SELECT 1 FROM Customers AS c WHERE c.name = o.customer AND c.tier = 'gold');
