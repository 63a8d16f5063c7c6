SELECT trackingNumber, window_start, window_end, COUNT(*) AS scans
FROM TABLE(SESSION(TABLE ShipEvent PARTITION BY trackingNumber, DESCRIPTOR(occurredAt), INTERVAL '30' MINUTES))
GROUP BY trackingNumber, window_start, window_end;
