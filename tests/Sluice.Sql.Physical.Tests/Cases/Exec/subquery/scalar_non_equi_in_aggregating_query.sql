-- A scalar subquery correlated by a non-equality on a GROUP BY column of an aggregating query: joined onto the
-- aggregation's output, over its distinct customers. Customers before each: alice none; bob alice; carol alice, bob;
-- dave alice, bob, carol; the NULL customer (order 5) none (name < NULL is unknown).
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


SELECT customer, COUNT(*) AS n, (SELECT COUNT(*) FROM Customers c WHERE c.name < o.customer) AS before
FROM Orders o GROUP BY customer;
