-- An aggregate argument of a correlated scalar subquery reads the outer row (the city's length): as in Calcite, the
-- aggregation runs over the distinct outer values read (name, city), joined back with IS NOT DISTINCT FROM.
-- alice (Berlin, 6): (3 + 10 + 3 + 5) * 6 = 126; bob (Paris, 5): (2 + 4) * 5 = 30; carol (NULL city): SUM of NULLs is NULL;
-- erin: no orders, NULL.
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


SELECT c.name, (SELECT SUM(o.quantity * CHAR_LENGTH(c.city)) FROM Orders o WHERE o.customer = c.name) AS w
FROM Customers c;
