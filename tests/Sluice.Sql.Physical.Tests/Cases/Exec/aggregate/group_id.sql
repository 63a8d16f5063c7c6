-- GROUP_ID() numbers repeated grouping sets (0 for a set's first occurrence, 1 for its repetition), GROUPING(customer)
-- is 1 where customer is not grouped. The apple orders: alice 2 (ids 1, 8), carol 1 (4), bob 1 (6); the (customer)
-- set appears twice, so each customer row appears twice, once per GROUP_ID; the (product) set gives apple 4.
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

SELECT customer, product, GROUP_ID() AS gid, GROUPING(customer) AS gc, COUNT(*) AS orders
FROM Orders
WHERE product = 'apple'
GROUP BY GROUPING SETS ((customer), (customer), (product));
