-- fail: line 3, column 20: Column count mismatch: the query returns 3 columns, but table 'Report' expects 2 (trackingNumber, stops)
CREATE TABLE Report (trackingNumber BIGINT, stops INT) WITH ('connector' = 'print');
INSERT INTO Report SELECT trackingNumber, currentStopId, city FROM ShipEvent;
