-- Pick-up and delivery of the same package within a week.
SELECT a.trackingNumber, a.occurredAt AS pickedUp, b.occurredAt AS delivered
FROM ShipEvent a, ShipEvent b
WHERE a.trackingNumber = b.trackingNumber
  AND a.eventCode = 'PU' AND b.eventCode = 'DL'
  AND b.occurredAt BETWEEN a.occurredAt AND a.occurredAt + INTERVAL '7' DAY;

SELECT a.trackingNumber, b.city
FROM ShipEvent AS a
JOIN ShipEvent AS b ON a.trackingNumber = b.trackingNumber AND b.occurredAt >= a.occurredAt;
