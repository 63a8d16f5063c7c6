SELECT city FROM ShipEvent
UNION ALL
SELECT city FROM (VALUES ('Oslo'), ('Lima'), ('Pune')) AS t (city)
EXCEPT
SELECT city FROM ShipEvent WHERE city LIKE 'X%' ESCAPE '\';
