-- Session windows per customer with a 6-second gap; sessions merge, and the merged accumulators keep arrival order:
-- alice's order 1 (10:00:01) arrives before order 3 (10:00:00), bob's 6 (10:00:14) before 9 (10:00:12). Sessions:
-- alice [00, 07) 1 3 and [15, 26) 8 10; bob [03, 09) 2 and [12, 20) 6 9; carol [07, 13) 4; NULL [05, 11) 5; dave [11, 17) 7.
-- JSON_ARRAYAGG leaves bob's NULL product (order 9) out; JSON_OBJECTAGG keeps his NULL quantity (order 2) as null.
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

SELECT customer, window_start, window_end, ARRAY_AGG(id) AS ids, JSON_ARRAYAGG(product) AS products,
       JSON_OBJECTAGG(KEY CAST(id AS STRING) VALUE quantity) AS quantities
FROM TABLE(SESSION(TABLE Orders PARTITION BY customer, DESCRIPTOR(ts), INTERVAL '6' SECOND))
GROUP BY customer, window_start, window_end;
