-- MATCH_ROWTIME() is a rowtime attribute: the matches of Flink's AFTER MATCH SKIP TO NEXT ROW example (see
-- skip_to_next_row) counted per 2-second tumbling window of their last row's time. The matches end at 10:00:04 (sum 26),
-- 05 (24), 06 (25), 07 (22) and 07 (17): window [04, 06) has 2 matches (26 + 24 = 50), [06, 08) has 3 (25 + 22 + 17 = 64).
CREATE TABLE Ticker (
  symbol STRING,
  tax BIGINT,
  price BIGINT,
  rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'match_recognize/skip.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

WITH Matches AS (
  SELECT *
  FROM Ticker
      MATCH_RECOGNIZE(
          PARTITION BY symbol
          ORDER BY rowtime
          MEASURES
              SUM(A.price) AS sumPrice,
              MATCH_ROWTIME() AS matchTime
          AFTER MATCH SKIP TO NEXT ROW
          PATTERN (A+ C)
          DEFINE
              A AS SUM(A.price) < 30
      )
)
SELECT window_start, window_end, COUNT(*) AS matches, SUM(sumPrice) AS total
FROM TABLE(TUMBLE(TABLE Matches, DESCRIPTOR(matchTime), INTERVAL '2' SECOND))
GROUP BY window_start, window_end;
