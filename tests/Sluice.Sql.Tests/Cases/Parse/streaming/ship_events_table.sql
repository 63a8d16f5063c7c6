CREATE TABLE ShipEvent (
  trackingNumber BIGINT,
  occurredAt TIMESTAMP(3),
  eventCode STRING,
  statusCode STRING,
  city STRING,
  currentStopId INT,
  ingestedAt TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  dayOfEvent AS CAST(occurredAt AS DATE),
  WATERMARK FOR occurredAt AS occurredAt - INTERVAL '5' SECOND
) WITH (
  'connector' = 'filesystem',
  'path' = 'examples/shipping/events.csv',
  'format' = 'csv'
);
