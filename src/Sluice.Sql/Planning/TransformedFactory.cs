namespace Sluice.Sql.Planning;

/// <summary>Creates <see cref="Transformed{T}"/> values: <c>Transformed.Yes(plan)</c>, <c>Transformed.No(plan)</c>.</summary>
public static class Transformed
{
    /// <summary>A changed result.</summary>
    public static Transformed<T> Yes<T>(T value) => new(value, true);

    /// <summary>An unchanged result: a rule that does not apply returns its input this way.</summary>
    public static Transformed<T> No<T>(T value) => new(value, false);
}
