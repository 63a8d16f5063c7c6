-- fail: line 2, column 14: Table 'ShipEvent' already exists
CREATE TABLE ShipEvent (x INT) WITH ('connector' = 'print');
