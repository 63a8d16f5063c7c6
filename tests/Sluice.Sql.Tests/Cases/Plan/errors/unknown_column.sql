-- fail: line 2, column 8: Column 'cty' not found in any table; did you mean 'city'?
SELECT cty FROM ShipEvent;
