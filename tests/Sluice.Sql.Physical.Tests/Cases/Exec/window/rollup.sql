-- Window aggregation with ROLLUP: every 10-second tumbling window gets one row per customer (the NULL customer of
-- order 5 is a group of its own, GROUPING 0) and one total row (customer NULL, GROUPING 1).
-- [00, 10): alice 1+3 (items 3+10), bob 2 (quantity NULL), carol 4, NULL 5; total 5 orders, 20 items.
-- [10, 20): alice 8, bob 6+9 (2+4), dave 7; total 4 orders, 10 items. [20, 30): alice 10; total 1 order, 5 items.
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

SELECT window_start, customer, COUNT(*) AS orders, SUM(quantity) AS items, GROUPING(customer) AS g
FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, ROLLUP (customer);
