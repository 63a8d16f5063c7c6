-- JOIN LATERAL ... ON a condition over both sides: gold customers' orders of more than 3 items (alice 3 and 10;
-- carol's only order has 1 item, bob is silver).
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

SELECT c.name, o.id
FROM Customers c JOIN LATERAL (SELECT id, quantity FROM Orders WHERE customer = c.name) o ON o.quantity > 3 AND c.tier = 'gold';
