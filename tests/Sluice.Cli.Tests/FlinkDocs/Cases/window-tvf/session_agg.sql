-- Flink docs: docs/content/docs/sql/reference/queries/window-tvf.md, aggregation on the session windowed table without partition keys
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/bid_session.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

SELECT window_start, window_end, SUM(price) AS total_price
  FROM SESSION(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES)
  GROUP BY window_start, window_end;
