-- Flink docs: docs/content/docs/sql/reference/queries/window-tvf.md, aggregation with emit-only-on-update mode, named parameters
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/bid.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

SELECT window_start, window_end, SUM(price) AS total_price
  FROM CUMULATE(
    DATA => TABLE Bid,
    TIMECOL => DESCRIPTOR(bidtime),
    STEP => INTERVAL '2' MINUTES,
    SIZE => INTERVAL '10' MINUTES,
    `OFFSET` => INTERVAL '0' SECOND,
    EMITONLYONUPDATE => true
  )
  GROUP BY window_start, window_end;
