-- An aggregating LATERAL subquery without GROUP BY returns one row for every customer: grouped by the correlation
-- and left-joined, COUNT over no rows 0 (erin). alice: orders 1, 3, 8, 10 (3 + 10 + 3 + 5 items); bob: 2 (NULL), 6, 9;
-- carol: 4.
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

SELECT c.name, x.n, x.total, x.top
FROM Customers c, LATERAL (SELECT COUNT(*) AS n, SUM(quantity) AS total, MAX(id) AS top FROM Orders WHERE customer = c.name) x;
