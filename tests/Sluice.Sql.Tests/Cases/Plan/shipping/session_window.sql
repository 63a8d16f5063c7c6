-- Scan sessions per package: a session ends after 30 minutes without scans.
SELECT trackingNumber, window_start, window_end, COUNT(*) AS scans, MAX(currentStopId) AS lastStop
FROM TABLE(SESSION(TABLE ShipEvent PARTITION BY trackingNumber, DESCRIPTOR(occurredAt), INTERVAL '30' MINUTES))
GROUP BY trackingNumber, window_start, window_end;
