SELECT city FROM ShipEvent
UNION ALL
SELECT city FROM (VALUES ('Oslo'), ('Lima'), ('Pune')) AS t (city)
EXCEPT
SELECT city FROM ShipEvent WHERE city LIKE 'X%' ESCAPE '\';

-- Column types meet at their least restrictive type: INT and BIGINT at BIGINT, CHAR(2) and CHAR(5) at VARCHAR(5).
SELECT currentStopId, 'ab' FROM ShipEvent
UNION
SELECT trackingNumber, 'abcde' FROM ShipEvent;

VALUES (1, 'a', CAST(NULL AS DOUBLE)), (2, 'bb', 2.5);
