-- The three busiest packages per city (Top-N).
SELECT * FROM (
  SELECT city, trackingNumber, cnt,
         ROW_NUMBER() OVER (PARTITION BY city ORDER BY cnt DESC, trackingNumber) AS row_num
  FROM (SELECT city, trackingNumber, COUNT(*) AS cnt FROM ShipEvent GROUP BY city, trackingNumber)
) WHERE row_num <= 3;
