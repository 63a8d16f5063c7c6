-- VALUES rows are typed by column: DOUBLE for the NULL DOUBLE, 2.5 and 0.25; the strings meet at VARCHAR(3).
-- exact-changelog
SELECT id, name, weight * 2 AS doubled
FROM (VALUES (1, 'a', CAST(NULL AS DOUBLE)), (2, 'bb', 2.5), (3, 'ccc', 0.25)) AS t (id, name, weight);
