-- DEDUPLICATE_KEEP_FIRST with on_time: each customer's order with the smallest event time, emitted when the watermark
-- passes it: alice 3 (10:00:00, arrived after her order 1), bob 2 (10:00:03; 9 at 10:00:12 and 6 at 10:00:14 are
-- later), carol 4, NULL 5, dave 7. The appended rowtime column repeats the kept order's time.
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

SELECT customer, id, rowtime
FROM DEDUPLICATE_KEEP_FIRST(input => TABLE Orders PARTITION BY customer, on_time => DESCRIPTOR(ts));
