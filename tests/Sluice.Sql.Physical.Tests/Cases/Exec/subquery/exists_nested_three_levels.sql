-- A column three query levels out: the innermost EXISTS reads c.tier and c.name of the outermost query. Decorrelated
-- from the innermost out: the query in between (o2) carries those columns from the outermost query's rows (a value
-- generator, filtered to the row's values two levels out), then the next one (o) carries them from its enclosing query.
-- Customers who ordered a product that another customer of their tier ordered too: alice's apple (1, 8) was ordered by
-- carol (4), gold as well, and carol's apple by alice; bob's banana (2) by alice (gold, not silver) and by a NULL
-- customer (5, no customer), his apple only by gold customers, his NULL product (9) equals none; erin has no orders.
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
WHERE EXISTS (
  SELECT 1 FROM Orders AS o
  WHERE o.customer = c.name
    AND EXISTS (
      SELECT 1 FROM Orders AS o2
      WHERE o2.product = o.product AND o2.id <> o.id
        AND EXISTS (SELECT 1 FROM Customers AS c2 WHERE c2.name = o2.customer AND c2.tier = c.tier AND c2.name <> c.name)));
