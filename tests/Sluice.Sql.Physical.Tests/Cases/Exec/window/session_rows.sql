-- A SESSION window TVF on its own (Flink 2's window-tvf.md): every order with its customer's session, gap 5 seconds.
-- alice: 00, 01 -> [00, 06); 15 and 20 touch -> [15, 25). bob: 03 -> [03, 08); 12, 14 -> [12, 19). carol: 07 -> [07, 12).
-- dave: 11 -> [11, 16). The NULL customer is a partition too: 05 -> [05, 10).
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

SELECT id, customer, window_start, window_end
FROM SESSION(TABLE Orders PARTITION BY customer, DESCRIPTOR(ts), INTERVAL '5' SECOND);
