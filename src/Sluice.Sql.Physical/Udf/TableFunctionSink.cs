using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Udf;

/// <summary>
/// Where the compiled collector of a table function writes: the builders of the function's columns (one per output
/// field, replaced for every batch) and, per emitted row, the input row it belongs to. Task thread only.
/// </summary>
internal sealed class TableFunctionSink
{
    /// <summary>The builders of the function's columns, in field order.</summary>
#pragma warning disable CA1051 // Read by compiled expressions.
    public ColumnVectorBuilder[] Builders = [];
#pragma warning restore CA1051

    /// <summary>The physical input row of each emitted row.</summary>
    public List<int> Parents { get; } = [];

    /// <summary>The physical input row being evaluated.</summary>
    public int Current { get; set; }

    /// <summary>Records that a row was emitted for <see cref="Current"/>.</summary>
    public void Emitted() => Parents.Add(Current);
}
