-- Flink docs: docs/content/docs/sql/reference/queries/window-deduplication.md, keep the last row of every 10-minute window.
-- The page's DESC shows a Bid table without supplier_id, but its query selects supplier_id and its result
-- (D/supplier4 at 08:09, F/supplier5 at 08:17) is that of the Bid table on window-topn.md, so that is the input here.
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  supplier_id STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/bid_topn.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

SELECT *
  FROM (
    SELECT bidtime, price, item, supplier_id, window_start, window_end,
      ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY bidtime DESC) AS rownum
    FROM TABLE(
               TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
  ) WHERE rownum <= 1;
