-- Flink docs: docs/content/docs/sql/reference/queries/window-tvf.md, CUMULATE
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/bid.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

SELECT * FROM
    CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES);
