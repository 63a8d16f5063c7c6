-- Hopping windows of 10 seconds every 5 seconds (sliced: JSON_OBJECTAGG and PERCENTILE merge their slices). By time:
-- 3 @00 q10, 1 @01 q3, 2 @03 qNULL, 5 @05 q6, 4 @07 q1, 7 @11 q1, 9 @12 q4, 6 @14 q2, 8 @15 q3, 10 @20 q5.
-- [09:59:55, 10:00:05): 3 1 2, median of 3 10 = 6.5; [10:00:00, 10:00:10): 3 1 2 5 4, median of 1 3 6 10 = 4.5;
-- [10:00:05, 10:00:15): 5 4 7 9 6, median of 1 1 2 4 6 = 2; [10:00:10, 10:00:20): 7 9 6 8, median of 1 2 3 4 = 2.5;
-- [10:00:15, 10:00:25): 8 10, median of 3 5 = 4; [10:00:20, 10:00:30): 10, 5.
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

SELECT window_start, JSON_OBJECTAGG(KEY CAST(id AS STRING) VALUE quantity) AS quantities, PERCENTILE(quantity, 0.5) AS median
FROM TABLE(HOP(TABLE Orders, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
