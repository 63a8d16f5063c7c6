-- IN and NOT IN as values of the SELECT list, with SQL's three-valued logic (Calcite's rewrite: a match is TRUE; no
-- rows FALSE; a NULL tested value or a NULL among the rows NULL; else FALSE). alice ordered cherry (3); bob's products
-- are banana, apple and NULL (9): no match but a NULL, so NULL; carol only apple: FALSE; erin has no orders: FALSE.
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
  'cherry' IN (SELECT o.product FROM Orders AS o WHERE o.customer = c.name) AS has_cherry,
  'cherry' NOT IN (SELECT o.product FROM Orders AS o WHERE o.customer = c.name) AS no_cherry
FROM Customers AS c;
