-- fail: Incompatible types for sink column 'stops' (position 2) of table 'Report': the query produces BIGINT, the column is INT
CREATE TABLE Report (trackingNumber BIGINT, stops INT) WITH ('connector' = 'print');
INSERT INTO Report SELECT trackingNumber, trackingNumber FROM ShipEvent;
