-- Flink's greedy and reluctant example: PATTERN (A B*? C) with A > 10, B < 15, C > 12 over prices 10, 11, 12, 13, 14, 16.
-- The first match starts at 11 (10 is no A). Greedy B* takes 12, 13 and 14 (each also a C, but one more B is preferred),
-- then 16 is C: one match, 16. Reluctant B*? takes 12 (not a C), then 13 is a C: 13; the search goes on at 14 (A), and
-- 16 is a C at once: 16.
CREATE TABLE Ticker (
  symbol STRING,
  tax BIGINT,
  price BIGINT,
  rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'match_recognize/quantifiers.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

SELECT *
FROM Ticker
    MATCH_RECOGNIZE(
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES
            C.price AS lastPrice
        ONE ROW PER MATCH
        AFTER MATCH SKIP PAST LAST ROW
        PATTERN (A B*? C)
        DEFINE
            A AS A.price > 10,
            B AS B.price < 15,
            C AS C.price > 12
    );
