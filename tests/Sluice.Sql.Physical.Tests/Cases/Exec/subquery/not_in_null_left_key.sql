-- NOT IN where the left key can be NULL and the subquery has no NULL: orders whose customer is not a gold
-- customer (alice, carol). Order 5 has no customer: NULL NOT IN ('alice', 'carol') is NULL, so it is dropped.
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

SELECT id
FROM Orders
WHERE customer NOT IN (SELECT name FROM Customers WHERE tier = 'gold');
