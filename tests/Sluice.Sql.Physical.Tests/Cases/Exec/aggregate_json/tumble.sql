-- 10-second tumbling windows, rows in arrival order: [10:00:00, 10:00:10) orders 1 2 3 4 5, [10:00:10, 10:00:20)
-- orders 6 7 8 9, [10:00:20, 10:00:30) order 10. JSON_ARRAYAGG leaves order 9's NULL product out; JSON_OBJECTAGG with
-- ABSENT ON NULL leaves order 2's NULL quantity out. Medians: 1 3 6 10 -> 4.5; 1 2 3 4 -> 2.5; 5.
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

SELECT window_start, window_end, ARRAY_AGG(id) AS ids, JSON_ARRAYAGG(product) AS products,
       JSON_OBJECTAGG(KEY CAST(id AS STRING) VALUE quantity ABSENT ON NULL) AS quantities, PERCENTILE(quantity, 0.5) AS median
FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
