-- Flink docs: docs/content/docs/sql/reference/queries/window-topn.md, Window Top-N follows after Windowing TVF
-- A (08:05) and C (08:06) tie at 4.00: as in Flink, rows of equal sort keys rank in arrival order (A first).
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/bid_topn.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

SELECT *
  FROM (
    SELECT bidtime, price, item, supplier_id, window_start, window_end, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) as rownum
    FROM TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)
  ) WHERE rownum <= 3;
