SELECT
  CASE WHEN statusCode IN ('OK', 'DONE') THEN 'ok' WHEN statusCode IS NULL THEN 'unknown' ELSE LOWER(statusCode) END AS s,
  COALESCE(city, 'n/a') || '/' || SUBSTRING(eventCode FROM 1 FOR 2) AS label,
  TRY_CAST(eventCode AS INT) + 1 AS code,
  EXTRACT(HOUR FROM occurredAt) AS h,
  TIMESTAMPDIFF(MINUTE, occurredAt, CURRENT_TIMESTAMP) AS ageMinutes,
  DATE_FORMAT(occurredAt, 'yyyy-MM-dd') AS d,
  JSON_VALUE(statusDescription, '$.detail' RETURNING INT NULL ON ERROR) AS detail,
  ARRAY[1, 2, 3][2] AS second,
  MAP['a', 1]['a'] AS one,
  CAST(currentStopId AS DECIMAL(10, 2)) / 3 AS third,
  MD5(postalCode) AS hash,
  IF(currentStopId > 3, 'far', 'near') AS distance,
  NULLIF(carrierCode, '') AS carrier,
  REGEXP_EXTRACT(postalCode, '([0-9]+)', 1) AS digits,
  SPLIT_INDEX(postalCode, '-', 0) AS prefix,
  TO_TIMESTAMP('2024-01-01 00:00:00') AS fixed,
  FLOOR(occurredAt TO HOUR) AS hour
FROM ShipEvent
WHERE NOT (currentStopId BETWEEN 1 AND 5) OR trackingNumber IS DISTINCT FROM 42;

-- Constant folding: literal arithmetic, comparisons and casts are computed when planning.
SELECT 1 + 2 AS three, 10 / 4 AS two, 1.5 * 2 AS three_point_o, CAST(7 AS BIGINT) AS seven, 'a' || 'b' AS ab, NOT FALSE AS yes, 2 > 1 AND TRUE AS t;
