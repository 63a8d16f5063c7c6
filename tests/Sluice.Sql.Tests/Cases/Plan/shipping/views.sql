-- A view is stored as a query and planned again when read: its filter merges with the reader's.
CREATE TEMPORARY VIEW Delivered AS
SELECT trackingNumber, occurredAt, city FROM ShipEvent WHERE eventCode = 'DL';

CREATE VIEW DeliveredPerCity (place, deliveries) AS
SELECT city, COUNT(*) FROM Delivered GROUP BY city;

SELECT trackingNumber FROM Delivered WHERE city = 'Oslo';

SELECT * FROM DeliveredPerCity WHERE deliveries > 10;

SHOW TABLES;

SHOW VIEWS;

DESCRIBE Delivered;

SHOW CREATE VIEW DeliveredPerCity;
