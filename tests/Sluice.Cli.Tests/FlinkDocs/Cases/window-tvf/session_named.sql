-- Flink docs: docs/content/docs/sql/reference/queries/window-tvf.md, SESSION without partition keys, with the named params
CREATE TABLE Bid (
  bidtime TIMESTAMP(3),
  price DECIMAL(10, 2),
  item STRING,
  WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/bid_session.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

SELECT * FROM
    SESSION(
      DATA => TABLE Bid,
      TIMECOL => DESCRIPTOR(bidtime),
      GAP => INTERVAL '5' MINUTES);
