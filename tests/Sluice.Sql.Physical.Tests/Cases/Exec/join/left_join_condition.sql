-- A LEFT join whose ON also tests the order: only orders of at least 3 items find their customer's city. Orders 1, 3,
-- 8, 10 (alice, 3+ items) get Berlin; 9 (bob, 4) Paris; 2 (bob, NULL items) and 6 (bob, 2), 4 (carol, 1), 7 (dave, not
-- a customer) and 5 (NULL customer, 6 items) are padded.
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

SELECT o.id, o.customer, c.city
FROM Orders AS o
LEFT JOIN Customers AS c ON o.customer = c.name AND o.quantity >= 3;
