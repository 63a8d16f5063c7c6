-- As temporal_join, but a LEFT temporal join keeps 104's events with NULL route columns.
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

SELECT e.trackingNumber, e.occurredAt, r.endStopId
FROM ShipEvent AS e
LEFT JOIN RouteVersions FOR SYSTEM_TIME AS OF e.occurredAt AS r
  ON e.trackingNumber = r.trackingNumber;
