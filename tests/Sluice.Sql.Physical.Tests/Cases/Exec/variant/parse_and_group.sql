-- A json file read into a VARIANT column (data/events.json), fields read with v['name'] and v[1] (1-based), grouped
-- by an extracted field, a VARIANT carried through the aggregate's state (FIRST_VALUE) and a VARIANT written out.
-- payload['kind'] IS NOT NULL keeps rows 1, 2, 3, 6, 7 and 9: row 4's payload is SQL NULL (a JSON null field), row 5
-- has no "kind", row 8 is an array; row 6's "kind" is a JSON null, a value (not NULL) whose cast is NULL.
--   click (1, 3, 7): n = 3; TRY_CAST amounts 1.50 + 0.25 + NULL (the string "3" is no number) = 1.75; tags[1] "a",
--     NULL (empty array), "c": MAX "c"; FIRST_VALUE of the users {"name":"ann"}, "carl", null: {"name":"ann"}.
--   view (2, 9): n = 2; 2 + 10.0 (1e1 is a double) = 12.00; "z", "y": "z"; {"name":"bob"}.
--   NULL (6): n = 1; 1.00; no tags and no user: NULL, NULL.
-- summary is a VARIANT parsed from JSON_OBJECT over the group's values: its keys print in order.
CREATE TABLE Events (
  id BIGINT,
  payload VARIANT
) WITH ('connector' = 'filesystem', 'path' = 'data/events.json', 'format' = 'json');

SELECT CAST(payload['kind'] AS STRING) AS kind,
       COUNT(*) AS n,
       SUM(TRY_CAST(payload['amount'] AS DECIMAL(10, 2))) AS total,
       MAX(CAST(payload['tags'][1] AS STRING)) AS first_tag,
       FIRST_VALUE(payload['user']) AS first_user,
       PARSE_JSON(JSON_OBJECT('n' VALUE COUNT(*), 'kind' VALUE CAST(payload['kind'] AS STRING))) AS summary
FROM Events
WHERE payload['kind'] IS NOT NULL
GROUP BY CAST(payload['kind'] AS STRING);
