-- The shipping report of examples/shipping, with production connectors: tracking events arrive in a Kafka topic, the
-- routes live in a PostgreSQL table, and the updating report is written to a compacted Kafka topic (upsert-kafka),
-- exactly once. The query is the same; only the tables' WITH clauses differ.
--
-- Before running it: a Kafka broker at localhost:9092 with the topic 'ship-events' (one CSV line per event, as in
-- ../shipping/data/ship_events.csv), and a PostgreSQL database 'shipping' at localhost:5432 with the table
--   CREATE TABLE ship_route ("routeId" bigint PRIMARY KEY, "trackingNumber" bigint, "endStopId" int);
-- (the jdbc connector matches columns by name) holding ../shipping/data/ship_routes.csv.
-- Then:   ./sluice run examples/shipping-kafka/shipping.sql --checkpoint-interval 10s

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
  WATERMARK FOR occurredAt AS occurredAt - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'ship-events',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'shipping-report',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',   -- remove this line to keep the report running as events arrive
  'format' = 'csv'
);

CREATE TABLE ShipRoute (
  routeId        BIGINT,
  trackingNumber BIGINT,
  endStopId      INT,
  PRIMARY KEY (routeId) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://localhost:5432/shipping',
  'table-name' = 'ship_route',
  'username' = 'postgres'
);

CREATE TABLE ShippingReport (
  trackingNumber    BIGINT,
  city              STRING,
  statusDescription STRING,
  currentStopId     INT,
  endStopId         INT,
  remainingStops    INT,
  PRIMARY KEY (trackingNumber) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'shipping-report',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json',
  'value.format' = 'json',
  'sink.delivery-guarantee' = 'exactly-once',
  'sink.transactional-id-prefix' = 'shipping-report'
);

INSERT INTO ShippingReport
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
