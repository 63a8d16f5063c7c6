-- Running counts per package, and the largest stop of the last hour.
SELECT trackingNumber, occurredAt,
       COUNT(*) OVER w AS scansSoFar,
       MAX(currentStopId) OVER (PARTITION BY trackingNumber ORDER BY occurredAt
                                RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) AS lastHourMaxStop,
       SUM(currentStopId) OVER w AS stopSum
FROM ShipEvent
WINDOW w AS (PARTITION BY trackingNumber ORDER BY occurredAt ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW);
