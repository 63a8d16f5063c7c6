-- 5-second tumbling windows: [00, 05) orders 1, 2, 3; [05, 10) 4, 5; [10, 15) 6, 7, 9; [15, 20) 8; [20, 25) 10.
-- SUM and MAX skip NULLs (order 2's quantity, order 9's price).
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

SELECT window_start, window_end, COUNT(*) AS orders, SUM(quantity) AS items, MAX(price) AS top_price
FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(ts), INTERVAL '5' SECOND))
GROUP BY window_start, window_end;
