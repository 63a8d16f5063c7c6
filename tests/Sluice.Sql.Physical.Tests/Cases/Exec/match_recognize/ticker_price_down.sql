-- Flink's first example: periods of falling prices (START_ROW PRICE_DOWN+ PRICE_UP), AFTER MATCH SKIP TO LAST PRICE_UP.
-- ACME (as on Flink's page): no start before 10:00:04 is followed by a lower price; from 25 (10:00:04) the price falls to
-- 18, 15, 14 and rises to 24 (10:00:08) above LAST(PRICE_DOWN.price, 1) = 15: one match 04 / 07 / 08. The search goes on at
-- 10:00:08 (24): 25 is no fall; from 25 (09) the fall to 19 (10) is not followed by a rise. XYZ: 30 (01) falls to 20 (02),
-- which rises to 25 (03) > LAST(PRICE_DOWN.price, 1)? PRICE_DOWN has one row, so LAST(..., 1) is NULL: no; 25 is no fall
-- below 20 either, so that start dies; from 20 (02): 25 no fall; from 25 (03): 24 (10) falls, then nothing: no XYZ match.
CREATE TABLE Ticker (
  symbol STRING,
  price BIGINT,
  tax BIGINT,
  rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'match_recognize/ticker.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

SELECT *
FROM Ticker
    MATCH_RECOGNIZE (
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES
            START_ROW.rowtime AS start_tstamp,
            LAST(PRICE_DOWN.rowtime) AS bottom_tstamp,
            LAST(PRICE_UP.rowtime) AS end_tstamp
        ONE ROW PER MATCH
        AFTER MATCH SKIP TO LAST PRICE_UP
        PATTERN (START_ROW PRICE_DOWN+ PRICE_UP)
        DEFINE
            PRICE_DOWN AS
                (LAST(PRICE_DOWN.price, 1) IS NULL AND PRICE_DOWN.price < START_ROW.price) OR
                    PRICE_DOWN.price < LAST(PRICE_DOWN.price, 1),
            PRICE_UP AS
                PRICE_UP.price > LAST(PRICE_DOWN.price, 1)
    ) MR;
