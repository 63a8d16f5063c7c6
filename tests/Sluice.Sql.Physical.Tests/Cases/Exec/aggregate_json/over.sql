-- ARRAY_AGG and PERCENTILE in an OVER window of the current and the previous order of each customer, by time.
-- alice: 3 @00 q10, 1 @01 q3, 8 @15 q3, 10 @20 q5; bob: 2 @03 qNULL, 9 @12 q4, 6 @14 q2; carol 4 q1; NULL 5 q6; dave 7 q1.
-- ARRAY_AGG keeps the NULL quantity (RESPECT NULLS) unless IGNORE NULLS (then NULL for bob's first order, as nothing is
-- left); PERCENTILE skips it (NULL when nothing is counted).
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

SELECT id, ARRAY_AGG(quantity) OVER w AS last_two, ARRAY_AGG(quantity IGNORE NULLS) OVER w AS present,
       PERCENTILE(quantity, 0.5) OVER w AS median
FROM Orders
WINDOW w AS (PARTITION BY customer ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW);
