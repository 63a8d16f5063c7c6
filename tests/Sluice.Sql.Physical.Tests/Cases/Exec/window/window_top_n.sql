-- The two customers with the most items per 10-second window: [00, 10) alice 13, NULL 6 (carol 1 is cut);
-- [10, 20) bob 6, alice 3 (dave 1 is cut); [20, 30) alice 5 alone.
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

SELECT window_start, window_end, customer, items, rn
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY items DESC) AS rn
  FROM (
    SELECT window_start, window_end, customer, SUM(quantity) AS items
    FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
    WHERE quantity IS NOT NULL
    GROUP BY window_start, window_end, customer
  )
)
WHERE rn <= 2;
