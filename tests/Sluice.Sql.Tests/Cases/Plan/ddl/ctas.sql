-- CREATE TABLE ... AS SELECT creates the table from the query's columns (time attributes become regular timestamps).
CREATE TABLE Deliveries WITH ('connector' = 'print') AS
SELECT trackingNumber, occurredAt, UPPER(city) AS city FROM ShipEvent WHERE eventCode = 'DL';

DESCRIBE Deliveries;
