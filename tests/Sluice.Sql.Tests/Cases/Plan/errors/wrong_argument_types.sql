-- fail: line 2, column 8: Cannot apply 'UPPER' to arguments (INT); supported: UPPER(<CHARACTER>)
SELECT UPPER(currentStopId) FROM ShipEvent;
