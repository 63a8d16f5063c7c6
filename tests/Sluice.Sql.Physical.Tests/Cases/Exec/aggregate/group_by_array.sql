-- An ARRAY as the grouping key: [alice, apple] has orders 1 and 8 (3 + 3); bob's banana has no quantity; the NULL
-- customer and the NULL product are elements like any other.
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

SELECT pair, COUNT(*) AS orders, SUM(quantity) AS items
FROM (SELECT ARRAY[customer, product] AS pair, quantity FROM Orders)
GROUP BY pair;
