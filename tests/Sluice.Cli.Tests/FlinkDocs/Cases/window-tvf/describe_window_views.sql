-- Flink docs: docs/content/docs/sql/reference/queries/window-tvf.md and window-agg.md: the types of a window TVF's
-- columns ("window_time" a time attribute, TIMESTAMP(3), window_start and window_end regular TIMESTAMP(3) NOT NULL, the
-- original time column a regular timestamp) and of window aggregates, as Flink types them: SUM of DECIMAL(10, 2) is
-- DECIMAL(38, 2), COUNT(*) BIGINT NOT NULL, AVG of BIGINT BIGINT.
-- compare: text
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/bid.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

CREATE VIEW windowed AS SELECT * FROM TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES);

DESC windowed;

CREATE VIEW totals AS
SELECT window_start, window_end, window_time, SUM(price) AS total_price, COUNT(*) AS cnt, AVG(CAST(price AS BIGINT)) AS avg_price
  FROM TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)
  GROUP BY window_start, window_end, window_time;

DESC totals;
