-- Expressions in DEFINE and MEASURES: LAST(A.price * A.tax) (two columns of one variable), PREV, FIRST with an offset, an
-- aggregate of an expression (SUM(B.price * B.tax)), CLASSIFIER() and a SUBSET. Over the ticker of ticker_price_down
-- (ACME 12/1, 17/2, 19/1, 21/3, 25/2, 18/1, 15/1, 14/2, 24/2, 25/2, 19/1 at 10:00:00..10): A is any row, B+? rows rising
-- over the row before them (PREV), C a fall. From 00: 17, 19, 21, 25 rise (B), 18 falls (C): A = 00, B = 01..04, C = 05.
-- FIRST(B.price, 1) = 19; LAST(AB.price * AB.tax) = 25 * 2 = 50; SUM(B.price * B.tax) = 34 + 19 + 63 + 50 = 166. SKIP PAST
-- LAST ROW goes on at 06 (15): 14 is no rise; from 07 (14): 24, 25 rise, 19 falls: FIRST(B.price, 1) = 25,
-- LAST(AB.price * AB.tax) = 25 * 2 = 50, SUM = 48 + 50 = 98. XYZ (30/1, 20/1, 25/2, 24/2 at 01, 02, 03, 10): from 01: 20
-- is no rise; from 02: 25 rises, 24 falls: FIRST(B.price, 1) is NULL, 25 * 2 = 50, SUM = 50.
CREATE TABLE Ticker (
  symbol STRING,
  price BIGINT,
  tax BIGINT,
  rowtime TIMESTAMP(3),
  WATERMARK FOR rowtime AS rowtime - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'match_recognize/ticker.csv', 'format' = 'csv', 'csv.allow-comments' = 'true');

SELECT symbol, second_rise, last_value_ab, weighted, cls, first_price
FROM Ticker
    MATCH_RECOGNIZE (
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES
            FIRST(B.price, 1) AS second_rise,
            LAST(AB.price * AB.tax) AS last_value_ab,
            SUM(B.price * B.tax) AS weighted,
            CLASSIFIER() AS cls,
            A.price AS first_price
        AFTER MATCH SKIP PAST LAST ROW
        PATTERN (A B+? C)
        SUBSET AB = (A, B)
        DEFINE
            B AS B.price > PREV(B.price),
            C AS C.price < PREV(C.price)
    );
