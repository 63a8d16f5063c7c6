-- A correlated scalar subquery with another one in its WHERE: per customer, the orders above the customer's smallest
-- quantity. alice: 3, 10, 3, 5 (min 3): 10 and 5; bob: NULL, 2, 4 (min 2): 4 (NULL > 2 is unknown); carol: 1 (min 1): none;
-- erin: no orders, COUNT over no rows is 0.
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
  (SELECT COUNT(*) FROM Orders o
   WHERE o.customer = c.name AND o.quantity > (SELECT MIN(quantity) FROM Orders o2 WHERE o2.customer = o.customer)) AS n
FROM Customers c;
