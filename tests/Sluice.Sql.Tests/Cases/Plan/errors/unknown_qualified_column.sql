-- fail: line 2, column 10: Column 'endStop' not found in table 'r'; did you mean 'endStopId'?
SELECT r.endStop FROM ShipRoute AS r;
