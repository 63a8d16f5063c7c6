SELECT e.trackingNumber, e.occurredAt, r.endStopId FROM ShipEvent AS e JOIN ShipRoute FOR SYSTEM_TIME AS OF e.occurredAt AS r ON e.trackingNumber = r.trackingNumber;
