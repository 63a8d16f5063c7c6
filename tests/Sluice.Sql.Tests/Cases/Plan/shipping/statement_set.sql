CREATE TABLE Report (trackingNumber BIGINT, scans BIGINT) WITH ('connector' = 'print');
CREATE TABLE Audit (trackingNumber BIGINT, note STRING, occurredAt TIMESTAMP(3)) WITH ('connector' = 'print');

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO Report SELECT trackingNumber, COUNT(*) FROM ShipEvent GROUP BY trackingNumber;
  INSERT INTO Audit (trackingNumber, note) SELECT trackingNumber, 'seen' FROM ShipEvent WHERE statusCode IS NOT NULL;
END;
