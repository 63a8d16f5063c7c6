-- fail: line 2, column 67: FOR SYSTEM_TIME AS OF must reference a time attribute (a rowtime or processing-time column) of the left table, not 'e.trackingNumber'
SELECT * FROM ShipEvent AS e JOIN ShipRoute FOR SYSTEM_TIME AS OF e.trackingNumber AS r ON e.trackingNumber = r.trackingNumber;
