-- The shipping report: per package its latest event (deduplication on event time) and the stops that remain to the
-- end of its route. 101's latest is the delivery at stop 3 of 3; 103's latest event has a NULL city; 104 has no
-- route, so the LEFT JOIN keeps it with NULL route columns.
CREATE TABLE ShipEvent (
  trackingNumber BIGINT,
  occurredAt TIMESTAMP(3),
  eventCode STRING,
  city STRING,
  currentStopId INT,
  WATERMARK FOR occurredAt AS occurredAt - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'data/ship_events.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true', 'csv.null-literal' = 'NULL');

CREATE TABLE ShipRoute (
  routeId BIGINT,
  trackingNumber BIGINT,
  endStopId INT
) WITH ('connector' = 'filesystem', 'path' = 'data/ship_routes.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true');

SELECT e.trackingNumber, e.city, e.currentStopId, r.endStopId, r.endStopId - e.currentStopId AS remainingStops
FROM (
  SELECT trackingNumber, city, currentStopId
  FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY trackingNumber ORDER BY occurredAt DESC) AS rowNum
    FROM ShipEvent
  )
  WHERE rowNum = 1
) AS e
LEFT JOIN ShipRoute AS r ON e.trackingNumber = r.trackingNumber;
