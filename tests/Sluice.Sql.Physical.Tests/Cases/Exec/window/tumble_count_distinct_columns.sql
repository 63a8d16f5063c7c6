-- 10-second tumbling windows with COUNT(DISTINCT customer, product): [00, 10) orders 1, 2, 3, 4, 5: (alice, apple),
-- (bob, banana), (alice, cherry), (carol, apple), and (NULL, banana) not counted -> 4; [10, 20) orders 6, 7, 8, 9:
-- (bob, apple), (dave, durian), (alice, apple), and (bob, NULL) not counted -> 3; [20, 30) order 10 -> 1.
-- COUNT(DISTINCT customer): 3 (alice, bob, carol), 3 (bob, dave, alice), 1.
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

SELECT window_start, window_end,
       COUNT(DISTINCT customer, product) AS pairs,
       COUNT(DISTINCT customer) AS customers
FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
