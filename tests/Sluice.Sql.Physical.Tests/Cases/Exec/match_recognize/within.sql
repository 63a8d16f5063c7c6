-- Flink's WITHIN example: a drop of more than 10 below the first row (A B* C) within one hour (first to last row at most
-- 1 hour apart, as on Flink's page, where 12:00 to 13:00 matches). From 10:00 (20) the price first drops below 10 at 11:40,
-- 100 minutes later; the partial matches from 10:20 (17: below 7?), 10:40 (18: below 8?), 11:00, 11:20 and 11:40 find no
-- such drop within the hour. From 12:00 (15): 14 and 24 stay above 5 (B), 1 at 13:00 is below 5 (C): dropDiff 15 - 1 = 14.
CREATE TABLE Ticker (
  symbol STRING,
  price BIGINT,
  tax BIGINT,
  rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'match_recognize/drops.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

SELECT *
FROM Ticker
    MATCH_RECOGNIZE(
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES
            C.rowtime AS dropTime,
            A.price - C.price AS dropDiff
        ONE ROW PER MATCH
        AFTER MATCH SKIP PAST LAST ROW
        PATTERN (A B* C) WITHIN INTERVAL '1' HOUR
        DEFINE
            B AS B.price > A.price - 10,
            C AS C.price < A.price - 10
    );
