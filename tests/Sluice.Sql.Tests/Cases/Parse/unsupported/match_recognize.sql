-- fail: line 4, column 5: MATCH_RECOGNIZE is not supported yet
SELECT *
FROM Ticker
    MATCH_RECOGNIZE (
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES START_ROW.rowtime AS start_tstamp
        ONE ROW PER MATCH
        AFTER MATCH SKIP TO LAST PRICE_UP
        PATTERN (START_ROW PRICE_DOWN+ PRICE_UP)
        DEFINE PRICE_DOWN AS PRICE_DOWN.price < START_ROW.price
    ) MR;
