-- Products with multiplicity: all orders (apple 4, banana 3, cherry, durian, NULL) meet orders of more than 2 items
-- (apple 2, banana 2, cherry, NULL): the smaller count of each product is kept.
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
INTERSECT ALL
SELECT product FROM Orders WHERE quantity > 2;
