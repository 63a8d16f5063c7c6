-- fail: line 2, column 31: Cannot apply '=' to arguments of type INT and CHAR(1)
SELECT * FROM ShipEvent WHERE currentStopId = '1';
