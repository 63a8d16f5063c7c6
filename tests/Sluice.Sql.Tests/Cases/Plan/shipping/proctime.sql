-- Processing-time attributes: a PROCTIME() column, a processing-time window, and a lookup join.
CREATE TABLE Scans (
  trackingNumber BIGINT,
  stopId INT,
  pt AS PROCTIME()
) WITH ('connector' = 'datagen');

SELECT window_start, window_end, COUNT(*) AS scans
FROM TABLE(TUMBLE(TABLE Scans, DESCRIPTOR(pt), INTERVAL '5' SECOND))
GROUP BY window_start, window_end;

SELECT s.trackingNumber, r.endStopId
FROM Scans AS s
JOIN ShipRoute FOR SYSTEM_TIME AS OF s.pt AS r ON s.trackingNumber = r.trackingNumber;

-- Time attributes survive plain references, and are materialized by computations and regular aggregations.
SELECT pt, CAST(pt AS TIMESTAMP_LTZ(3)) AS materialized FROM Scans;

SELECT occurredAt, MAX(currentStopId) AS stop FROM ShipEvent GROUP BY occurredAt;
