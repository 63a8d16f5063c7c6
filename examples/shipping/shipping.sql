-- Shipping report: for every package, where it was seen last and how many stops it still has to go.
--
-- Run it from the repository root with:   ./sluice run examples/shipping/shipping.sql
--
-- Streaming SQL in a nutshell: a table here is a stream of rows that keeps growing. A query over it does not
-- run once; it runs continuously and keeps its result up to date. When a new row changes an earlier answer,
-- the query emits a retraction of the old result row (-U) followed by the new one (+U). The final report is
-- what you get after applying all of those changes.

-- Tracking events of packages, one row per scan. The file's rows are not sorted by time across packages.
CREATE TABLE ShipEvent (
  trackingNumber    BIGINT,
  occurredAt        TIMESTAMP(3),
  eventCode         STRING,
  statusCode        STRING,
  statusDescription STRING,
  carrierCode       STRING,
  country           STRING,
  state             STRING,
  city              STRING,
  postalCode        STRING,
  currentStopId     INT,
  -- occurredAt is the event time. The watermark tells the engine how far event time has progressed:
  -- "no event older than the latest one seen minus 5 seconds is expected any more".
  WATERMARK FOR occurredAt AS occurredAt - INTERVAL '5' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = 'data/ship_events.csv',      -- relative paths are looked up next to this script
  'format' = 'csv',
  'csv.allow-comments' = 'true'         -- the first line is a '#' comment naming the columns
);

-- The planned route of each package: the stop where it ends. One package has no route yet.
CREATE TABLE ShipRoute (
  routeId        BIGINT,
  trackingNumber BIGINT,
  endStopId      INT
) WITH (
  'connector' = 'filesystem',
  'path' = 'data/ship_routes.csv',
  'format' = 'csv',
  'csv.allow-comments' = 'true'
);

-- The report.
--
-- 1. The innermost query numbers the events of each package from the latest to the earliest:
--    ROW_NUMBER() OVER (PARTITION BY trackingNumber ORDER BY occurredAt DESC). Keeping only row number 1 is
--    the deduplication pattern: it keeps the latest event of each package. When a later event of a package
--    arrives, the package's row is updated (-U old, +U new).
-- 2. LEFT JOIN ShipRoute adds the route's end stop. A LEFT JOIN keeps packages without a route; their route
--    columns are NULL. When the route arrives after the event, the joined row is updated.
-- 3. remainingStops is NULL when endStopId is NULL (arithmetic with NULL gives NULL).
SELECT
  e.trackingNumber,
  e.city,
  e.statusDescription,
  e.currentStopId,
  r.endStopId,
  r.endStopId - e.currentStopId AS remainingStops
FROM (
  SELECT trackingNumber, city, statusDescription, currentStopId
  FROM (
    SELECT
      trackingNumber, city, statusDescription, currentStopId,
      ROW_NUMBER() OVER (PARTITION BY trackingNumber ORDER BY occurredAt DESC) AS rowNum
    FROM ShipEvent
  ) AS ranked
  WHERE rowNum = 1
) AS e
LEFT JOIN ShipRoute AS r ON e.trackingNumber = r.trackingNumber;
