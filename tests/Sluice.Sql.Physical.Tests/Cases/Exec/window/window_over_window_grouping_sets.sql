-- GROUPING SETS in a window aggregation over a window aggregation. Inner: 10-second tumbling windows per customer and
-- product. [00, 10): (alice, apple), (alice, cherry), (bob, banana), (carol, apple), (NULL, banana), one order each;
-- [10, 20): (bob, apple), (bob, NULL), (dave, durian), (alice, apple); [20, 30): (alice, banana). Outer: per window, the
-- products and orders of each customer (GROUPING 0; the NULL customer is a group of its own) and of all (GROUPING 1).
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

SELECT window_start, customer, COUNT(*) AS products, SUM(n) AS orders, GROUPING(customer) AS g
FROM (
  SELECT customer, product, COUNT(*) AS n, window_start, window_end
  FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY customer, product, window_start, window_end)
GROUP BY window_start, window_end, GROUPING SETS ((customer), ());
