-- fail: line 3, column 43: Incompatible types for sink column 'stops' (position 2) of table 'Report': the query produces STRING, the column is INT
CREATE TABLE Report (trackingNumber BIGINT, stops INT) WITH ('connector' = 'print');
INSERT INTO Report SELECT trackingNumber, city FROM ShipEvent;
