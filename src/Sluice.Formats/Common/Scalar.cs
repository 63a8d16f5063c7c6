namespace Sluice.Formats.Common;

/// <summary>
/// A parsed scalar in its storage form: <see cref="Long"/> for BOOLEAN (0/1), integers, DATE (days),
/// TIME/TIMESTAMP/TIMESTAMP_LTZ/INTERVAL DAY TO SECOND (microseconds; nanoseconds for timestamps of precision 7..9), INTERVAL YEAR TO MONTH (months) and DECIMAL
/// up to 18 digits (unscaled); <see cref="Double"/> for FLOAT and DOUBLE; <see cref="Wide"/> for DECIMAL above 18 digits.
/// </summary>
internal struct Scalar
{
    public long Long;
    public double Double;
    public Int128 Wide;
}
