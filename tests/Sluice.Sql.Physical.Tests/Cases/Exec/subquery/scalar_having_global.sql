-- HAVING over an aggregation without GROUP BY in correlated scalar subqueries: the value is NULL when the condition
-- does not hold for the customer's rows, evaluated over the aggregates of no rows too (COUNT 0, SUM NULL).
-- alice: 4 orders (3, 10, 3, 5): total 21, few NULL; bob: 3 orders (NULL, 2, 4): total 6, few NULL;
-- carol: 1 order (1): total NULL, few 1; erin: no orders, COUNT 0: total NULL (0 >= 2 is false), few 0 (0 < 2).
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

SELECT c.name,
  (SELECT SUM(o.quantity) FROM Orders AS o WHERE o.customer = c.name HAVING COUNT(*) >= 2) AS total,
  (SELECT COUNT(*) FROM Orders AS o WHERE o.customer = c.name HAVING COUNT(*) < 2) AS few
FROM Customers AS c;
