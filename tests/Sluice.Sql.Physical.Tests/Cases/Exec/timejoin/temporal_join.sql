-- Each event with the route version valid at its time: 101 ends at stop 3 until 08:00:10 (so all its events see 3);
-- 102 ends at 4 until 08:00:07, then 5; 103's version starts at 08:00:03. 104 has no version: the inner join drops it.
CREATE TABLE ShipEvent (
  trackingNumber BIGINT,
  occurredAt TIMESTAMP(3),
  eventCode STRING,
  city STRING,
  currentStopId INT,
  WATERMARK FOR occurredAt AS occurredAt - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'data/ship_events.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true', 'csv.null-literal' = 'NULL');

CREATE TABLE RouteVersions (
  trackingNumber BIGINT NOT NULL,
  endStopId INT,
  updatedAt TIMESTAMP(3),
  PRIMARY KEY (trackingNumber) NOT ENFORCED,
  WATERMARK FOR updatedAt AS updatedAt - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'data/route_versions.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true');

SELECT e.trackingNumber, e.occurredAt, r.endStopId, r.endStopId - e.currentStopId AS remainingStops
FROM ShipEvent AS e
JOIN RouteVersions FOR SYSTEM_TIME AS OF e.occurredAt AS r
  ON e.trackingNumber = r.trackingNumber;
