-- GROUPING and GROUP_ID in a plain GROUP BY (no grouping sets) are 0 for every group, as in Flink. Orders per
-- customer: alice 4 (ids 1, 3, 8, 10), bob 3 (2, 6, 9), carol 1, dave 1, and the NULL customer 1 (id 5).
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

SELECT customer, GROUPING(customer) AS g, GROUP_ID() AS gid, COUNT(*) AS orders
FROM Orders
GROUP BY customer;
