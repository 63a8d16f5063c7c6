-- Nexmark q7's shape: the orders that carry the highest price of their 10-second tumbling window. window_end is not a
-- time attribute, so this is a regular join; but a window aggregation emits a window's row only when the watermark
-- passes its end, so the join removes a stored order once the watermark passes ts + 10 s (EXPLAIN: stateCleanup), which
-- cannot change the result. Windows: [10:00:00, 10:00:10) max 4.00 (order 3, at 10:00:00, within [end - 10 s, end]);
-- [10:00:10, 10:00:20) max 12.00 (order 7, 10:00:11); [10:00:20, 10:00:30) max 0.25 (orders 2, 5 and 10 cost 0.25, only
-- 10, at 10:00:20, lies within [10:00:20, 10:00:30]). Order 9's NULL price joins nothing.
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

SELECT o.id, o.price, w.window_end
FROM Orders AS o
JOIN (
  SELECT MAX(price) AS maxprice, window_end
  FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY window_start, window_end
) AS w
ON o.price = w.maxprice
WHERE o.ts BETWEEN w.window_end - INTERVAL '10' SECOND AND w.window_end;
