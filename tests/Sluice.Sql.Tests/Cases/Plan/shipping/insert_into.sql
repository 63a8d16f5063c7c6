-- INSERT matches columns by position, converts implicitly (INT to BIGINT, CHAR to STRING), fills unnamed columns with NULL.
CREATE TABLE CityCounts (
  city STRING,
  windowEnd TIMESTAMP(3),
  events BIGINT,
  stops BIGINT,
  note STRING,
  PRIMARY KEY (city, windowEnd) NOT ENFORCED
) WITH ('connector' = 'print');

INSERT INTO CityCounts
SELECT city, window_end, COUNT(*), SUM(currentStopId), 'tumble'
FROM TABLE(TUMBLE(TABLE ShipEvent, DESCRIPTOR(occurredAt), INTERVAL '10' MINUTE))
GROUP BY window_start, window_end, city;

INSERT INTO CityCounts (city, windowEnd, events)
SELECT city, occurredAt, currentStopId FROM ShipEvent WHERE city IS NOT NULL;

DESCRIBE CityCounts;
