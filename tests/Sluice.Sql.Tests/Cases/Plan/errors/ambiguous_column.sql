-- fail: line 2, column 8: Column 'trackingNumber' is ambiguous: e.trackingNumber, r.trackingNumber
SELECT trackingNumber FROM ShipEvent AS e JOIN ShipRoute AS r ON e.trackingNumber = r.trackingNumber;
