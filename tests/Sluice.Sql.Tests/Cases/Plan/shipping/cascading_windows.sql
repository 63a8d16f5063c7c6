-- window_time stays an event-time attribute through a window aggregation, so a second window can follow.
CREATE TEMPORARY VIEW PerMinute AS
SELECT window_start AS minute_start, window_end AS minute_end, window_time AS rowtime, city, COUNT(*) AS events
FROM TABLE(TUMBLE(TABLE ShipEvent, DESCRIPTOR(occurredAt), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, window_time, city;

DESCRIBE PerMinute;

SELECT window_start, window_end, city, SUM(events) AS events
FROM TABLE(TUMBLE(TABLE PerMinute, DESCRIPTOR(rowtime), INTERVAL '1' HOUR))
GROUP BY window_start, window_end, city;
