-- Flink's output mode example: A+ rising prices, then B below the last A; no AFTER MATCH clause (SKIP PAST LAST ROW).
-- 10, 12, 13 rise (A), 11 < 13 (B): startPrice 10, topPrice 13, lastPrice 11; the partition column comes first.
CREATE TABLE Ticker (
  symbol STRING,
  tax BIGINT,
  price BIGINT,
  rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'match_recognize/rising.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

SELECT *
FROM Ticker
    MATCH_RECOGNIZE(
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES
            FIRST(A.price) AS startPrice,
            LAST(A.price) AS topPrice,
            B.price AS lastPrice
        ONE ROW PER MATCH
        PATTERN (A+ B)
        DEFINE
            A AS LAST(A.price, 1) IS NULL OR A.price > LAST(A.price, 1),
            B AS B.price < LAST(A.price)
    );
