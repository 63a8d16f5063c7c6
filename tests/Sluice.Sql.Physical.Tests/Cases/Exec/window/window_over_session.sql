-- A window aggregation over SESSION windows (a cascaded window aggregation: the outer windows are the inner sessions'
-- bounds). Sessions with a 5-second gap per customer: alice 00, 01 -> [00, 06) (2 orders), 15, 20 -> [15, 25) (touching
-- windows merge, 2 orders); bob 03 -> [03, 08) (1), 12, 14 -> [12, 19) (2); carol 07 -> [07, 12) (1); NULL 05 -> [05, 10)
-- (1); dave 11 -> [11, 16) (1). No two customers share a session, so every outer window has one customer.
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

SELECT window_start, window_end, COUNT(*) AS customers, SUM(orders) AS orders
FROM (
  SELECT customer, COUNT(*) AS orders, window_start, window_end
  FROM TABLE(SESSION(TABLE Orders PARTITION BY customer, DESCRIPTOR(ts), INTERVAL '5' SECOND))
  GROUP BY customer, window_start, window_end)
GROUP BY window_start, window_end;
