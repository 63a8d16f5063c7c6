-- Flink's AFTER MATCH SKIP example (A+ C, A AS SUM(A.price) < 30; prices 7, 9, 10, 5, 10, 7, 14 at 10:00:01..07) with
-- AFTER MATCH SKIP PAST LAST ROW. Every match: A is the longest run from its start whose sum stays below 30, C the next row.
-- From 01: 7, 16, 26 (05 would make 31): A = 01..03, C = 04. From 02: 9, 19, 24 (+10 = 34): C = 05. From 03: 10, 15, 25
-- (+7 = 32): C = 06. From 04: 5, 15, 22 (+14 = 36): C = 07. From 05: 10, 17 (+14 = 31): C = 07. From 06: 7, 21, no row
-- after: no match. PAST LAST ROW goes on after C (01, then 05); TO NEXT ROW at the row after the start (every start);
-- TO LAST A at the last A row (01, then 03, then 05).
CREATE TABLE Ticker (
  symbol STRING,
  tax BIGINT,
  price BIGINT,
  rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'match_recognize/skip.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

SELECT *
FROM Ticker
    MATCH_RECOGNIZE(
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES
            SUM(A.price) AS sumPrice,
            FIRST(rowtime) AS startTime,
            LAST(rowtime) AS endTime
        ONE ROW PER MATCH
        AFTER MATCH SKIP PAST LAST ROW
        PATTERN (A+ C)
        DEFINE
            A AS SUM(A.price) < 30
    );
