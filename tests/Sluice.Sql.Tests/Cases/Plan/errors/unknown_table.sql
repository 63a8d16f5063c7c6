-- fail: line 2, column 15: Table 'ShipEvnt' not found; did you mean 'ShipEvent'?
SELECT * FROM ShipEvnt;
