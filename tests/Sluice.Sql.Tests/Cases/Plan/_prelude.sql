-- The shipping scenario: scan events with an event-time watermark, and routes keyed by tracking number.
CREATE TABLE ShipEvent (
  trackingNumber BIGINT,
  occurredAt TIMESTAMP(3),
  eventCode STRING,
  statusCode STRING,
  statusDescription STRING,
  carrierCode STRING,
  country STRING,
  state STRING,
  city STRING,
  postalCode STRING,
  currentStopId INT,
  WATERMARK FOR occurredAt AS occurredAt - INTERVAL '5' SECOND
) WITH ('connector' = 'kafka', 'topic' = 'ship-events', 'format' = 'json');

CREATE TABLE ShipRoute (
  routeId BIGINT,
  trackingNumber BIGINT NOT NULL,
  endStopId INT,
  updatedAt TIMESTAMP(3),
  PRIMARY KEY (trackingNumber) NOT ENFORCED,
  WATERMARK FOR updatedAt AS updatedAt
) WITH ('connector' = 'upsert-kafka', 'topic' = 'ship-routes', 'key.format' = 'json', 'value.format' = 'json');
