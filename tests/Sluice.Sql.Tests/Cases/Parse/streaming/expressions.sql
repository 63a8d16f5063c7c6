SELECT
  CASE WHEN statusCode IN ('OK', 'DONE') THEN 'ok' WHEN statusCode IS NULL THEN 'unknown' ELSE LOWER(statusCode) END AS s,
  COALESCE(city, 'n/a') || '/' || SUBSTRING(eventCode FROM 1 FOR 2) AS label,
  TRY_CAST(eventCode AS INT) + 1 AS code,
  EXTRACT(HOUR FROM occurredAt) AS h,
  TIMESTAMPDIFF(MINUTE, occurredAt, CURRENT_TIMESTAMP) AS ageMinutes,
  DATE_FORMAT(occurredAt, 'yyyy-MM-dd') AS d,
  JSON_VALUE(statusCode, '$.detail' RETURNING STRING NULL ON ERROR) AS detail,
  ARRAY[1, 2, 3][2] AS second,
  MAP['a', 1]['a'] AS one
FROM ShipEvent
WHERE NOT (currentStopId BETWEEN 1 AND 5) OR trackingNumber IS DISTINCT FROM 42;
