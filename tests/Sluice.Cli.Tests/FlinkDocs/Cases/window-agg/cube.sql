-- Flink docs: docs/content/docs/sql/reference/queries/window-agg.md, CUBE (no result shown: by hand, the four grouping sets of
-- (supplier_id, item) per 10-minute window)
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/bid_supplier.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

SELECT window_start, window_end, item, supplier_id, SUM(price) AS total_price
  FROM TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)
  GROUP BY window_start, window_end, CUBE (supplier_id, item);
