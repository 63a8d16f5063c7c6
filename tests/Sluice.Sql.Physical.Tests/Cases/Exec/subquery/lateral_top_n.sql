-- ORDER BY ... LIMIT in a LATERAL subquery correlated by an equality: each customer's two latest order ids, a Top-N
-- partitioned by customer and joined (Flink's CorrelateSortToRankRule). alice 10, 8; bob 9, 6; carol 4.
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

SELECT c.name, x.id, x.quantity
FROM Customers c, LATERAL (SELECT id, quantity FROM Orders WHERE customer = c.name ORDER BY id DESC LIMIT 2) x;
