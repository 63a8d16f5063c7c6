-- Events and distinct packages per city every ten minutes.
SELECT window_start, window_end, city, COUNT(*) AS events, COUNT(DISTINCT trackingNumber) AS packages
FROM TABLE(TUMBLE(TABLE ShipEvent, DESCRIPTOR(occurredAt), INTERVAL '10' MINUTES))
GROUP BY window_start, window_end, city
HAVING COUNT(*) > 1;
