-- fail: line 3, column 35: An event-time temporal join needs a primary key on the versioned table 'Rates'
CREATE TABLE Rates (currency STRING, rate DOUBLE, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen');
SELECT * FROM ShipEvent AS e JOIN Rates FOR SYSTEM_TIME AS OF e.occurredAt AS r ON e.country = r.currency;
