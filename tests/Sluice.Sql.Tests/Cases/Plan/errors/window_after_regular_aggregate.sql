-- fail: line 3, column 42: The time column 'occurredAt' of TUMBLE must be a time attribute (a rowtime column with a watermark, or PROCTIME()), but it is a regular TIMESTAMP(3) column
CREATE VIEW Latest AS SELECT trackingNumber, MAX(occurredAt) AS occurredAt FROM ShipEvent GROUP BY trackingNumber;
SELECT * FROM TABLE(TUMBLE(TABLE Latest, DESCRIPTOR(occurredAt), INTERVAL '1' MINUTE));
