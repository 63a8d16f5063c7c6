-- Products with multiplicity, minus those of orders of more than 2 items: apple 4 - 2, banana 3 - 2, durian 1 - 0;
-- cherry and NULL cancel out.
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

SELECT product FROM Orders
EXCEPT ALL
SELECT product FROM Orders WHERE quantity > 2;
