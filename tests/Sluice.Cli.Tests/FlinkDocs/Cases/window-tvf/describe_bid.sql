-- Flink docs: docs/content/docs/sql/reference/queries/window-tvf.md, desc Bid
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/bid.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

-- compare: text
-- The page shows the null column as `true`; Flink 2 prints a BOOLEAN result column as TRUE/FALSE, as describe.md shows.
DESC Bid;
