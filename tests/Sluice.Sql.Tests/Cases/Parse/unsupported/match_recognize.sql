-- fail: line 8, column 9: ALL ROWS PER MATCH is not supported (as in Flink, MATCH_RECOGNIZE supports only ONE ROW PER MATCH)
SELECT *
FROM Ticker
    MATCH_RECOGNIZE (
        PARTITION BY symbol
        ORDER BY rowtime
        MEASURES START_ROW.rowtime AS start_tstamp
        ALL ROWS PER MATCH
        AFTER MATCH SKIP TO LAST PRICE_UP
        PATTERN (START_ROW PRICE_DOWN+ PRICE_UP)
        DEFINE PRICE_DOWN AS PRICE_DOWN.price < START_ROW.price
    ) MR;
