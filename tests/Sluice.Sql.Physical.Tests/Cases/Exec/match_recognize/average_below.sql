-- Flink's aggregation example: the longest runs whose average price stays below 15 (A+ B, greedy), SKIP PAST LAST ROW.
-- From 10:00:00: 12, 17, 13, 16 average 12, 14.5, 14, 14.5; adding 25 makes 16.6: A = 00..03 (avg 58 / 4 = 14.5), B = 04.
-- From 10:00:05: 2, 4, 10, 15, 25, 25 average 2, 3, 5.33, 7.75, 11.2, 13.5; adding 30 makes 15.86: A = 05..10 (avg 81 / 6
-- = 13.5), B = 11. COUNT(*) counts every row of the match.
CREATE TABLE Ticker (
  symbol STRING,
  price DOUBLE,
  tax BIGINT,
  rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'match_recognize/averages.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

SELECT *
FROM Ticker
    MATCH_RECOGNIZE (
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES
            FIRST(A.rowtime) AS start_tstamp,
            LAST(A.rowtime) AS end_tstamp,
            AVG(A.price) AS avgPrice,
            COUNT(*) AS matchedRows
        ONE ROW PER MATCH
        AFTER MATCH SKIP PAST LAST ROW
        PATTERN (A+ B)
        DEFINE
            A AS AVG(A.price) < 15
    ) MR;
