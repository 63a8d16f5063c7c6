-- Both sides kept: orders 5 (NULL customer) and 7 (dave) without a customer, erin without an order. The filter on
-- the NULL-extended side is applied after the join (orders 1..3 are dropped, erin kept).
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

SELECT o.id, o.customer, c.name, c.tier
FROM Orders AS o
FULL OUTER JOIN Customers AS c ON o.customer = c.name
WHERE o.id IS NULL OR o.id >= 4;
