-- A scalar subquery nested in a correlated scalar subquery, the inner one referring to the outermost query (two levels
-- out): per customer, the orders whose quantity exceeds the smallest quantity other customers ordered of the product.
-- alice: apple 3 (1, 8) > 1 (carol) yes twice; cherry 10: nobody else, MIN is NULL; banana 5: the others' banana is bob's
-- NULL quantity (the NULL customer of order 5 is not "another customer"), MIN is NULL: n = 2.
-- bob: banana NULL > ... is unknown; apple 2 > 1 (carol) yes; NULL product equals none, MIN is NULL: n = 1.
-- carol: apple 1 > 2 (bob) no: n = 0; erin: no orders, COUNT over no rows is 0.
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
  (SELECT COUNT(*) FROM Orders AS o
   WHERE o.customer = c.name
     AND o.quantity > (SELECT MIN(o2.quantity) FROM Orders AS o2 WHERE o2.product = o.product AND o2.customer <> c.name)) AS n
FROM Customers AS c;
