-- fail: line 2, column 8: Function 'UPPR' not found; did you mean 'UPPER'?
SELECT UPPR(city) FROM ShipEvent;
