-- fail: Type mismatch in column 1 of UNION: STRING and INT have no common type
SELECT city FROM ShipEvent UNION ALL SELECT currentStopId FROM ShipEvent;
