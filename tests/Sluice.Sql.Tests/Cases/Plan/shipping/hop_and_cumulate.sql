-- Sliding counts per status, and cumulative stops per day (named arguments).
SELECT window_start, statusCode, COUNT(*) AS scans
FROM TABLE(HOP(TABLE ShipEvent, DESCRIPTOR(occurredAt), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE))
GROUP BY window_start, window_end, statusCode;

SELECT window_start, window_end, SUM(currentStopId) AS stops
FROM TABLE(CUMULATE(DATA => TABLE ShipEvent, TIMECOL => DESCRIPTOR(occurredAt), STEP => INTERVAL '1' HOUR, SIZE => INTERVAL '1' DAY))
GROUP BY window_start, window_end;
