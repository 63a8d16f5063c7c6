-- Inner join with an extra condition: order 3 (quantity 10) and 2 (NULL quantity) fail it; dave (7) and the NULL
-- customer (5) have no customer row; erin has no orders. carol's NULL city stays NULL.
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

SELECT o.id, c.name, c.city, o.quantity * 2 AS doubled
FROM Orders AS o
JOIN Customers AS c ON o.customer = c.name AND o.quantity < 10;
