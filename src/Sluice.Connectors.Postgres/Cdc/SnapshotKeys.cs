using System.Text;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Connectors.Postgres.Cdc;

/// <summary>
/// The primary key by which <c>postgres-cdc</c> reads its initial snapshot in chunks, and the comparison of key values
/// in the server's order. Only key types whose order the comparison reproduces exactly are used: integers, numeric,
/// booleans, dates and timestamps, and text compared byte by byte (the keyset queries add <c>COLLATE "C"</c>).
/// Stateless and thread-safe.
/// </summary>
internal static class SnapshotKeys
{
    /// <summary>
    /// The schema indexes of the table's primary key columns when the snapshot can be read in chunks by them; null when
    /// the table has no primary key, a key column is not in the schema, or a key type is not supported.
    /// </summary>
    public static int[]? Of(Schema schema, IReadOnlyList<string> primaryKey, IReadOnlyList<string> serverTypes)
    {
        if (primaryKey.Count == 0)
        {
            return null;
        }

        var indexes = new int[primaryKey.Count];
        for (var i = 0; i < indexes.Length; i++)
        {
            indexes[i] = schema.IndexOf(primaryKey[i]);
            if (indexes[i] < 0 || !IsOrdered(schema[indexes[i]].DataType, serverTypes[indexes[i]]))
            {
                return null;
            }
        }

        return indexes;
    }

    /// <summary>True when the server type is text-like, so keyset queries order it with <c>COLLATE "C"</c>.</summary>
    public static bool IsText(string serverType) => serverType is "text" or "varchar";

    /// <summary>The key of a row (its values at <paramref name="keyColumns"/>).</summary>
    public static object?[] KeyOf(object?[] row, int[] keyColumns)
    {
        var key = new object?[keyColumns.Length];
        for (var i = 0; i < key.Length; i++)
        {
            key[i] = row[keyColumns[i]];
        }

        return key;
    }

    /// <summary>Compares two keys in the server's order (lexicographically by column).</summary>
    public static int Compare(object?[] left, object?[] right)
    {
        for (var i = 0; i < left.Length; i++)
        {
            var c = CompareValue(left[i], right[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    /// <summary>The chunk whose range holds <paramref name="key"/>, or null when no chunk covers it yet.</summary>
    public static SnapshotChunk? ChunkOf(IReadOnlyList<SnapshotChunk> chunks, object?[] key)
    {
        foreach (var chunk in chunks)
        {
            if (chunk.UpperKey is null || Compare(key, chunk.UpperKey) <= 0)
            {
                return chunk;
            }
        }

        return null;
    }

    /// <summary>True when a column of <paramref name="type"/> stored as <paramref name="serverType"/> can order the snapshot's chunks.</summary>
    public static bool IsOrdered(DataType type, string serverType) => type.TypeId switch
    {
        TypeId.TinyInt or TypeId.SmallInt or TypeId.Int or TypeId.BigInt => serverType is "int2" or "int4" or "int8",
        TypeId.Decimal => serverType == "numeric" && type.Precision <= 28,
        TypeId.Boolean => serverType == "bool",
        TypeId.Char or TypeId.VarChar => IsText(serverType),
        TypeId.Date => serverType == "date",
        // Values read at a coarser precision than the server's microseconds would not bound the ranges the server reads.
        TypeId.Timestamp => serverType == "timestamp" && type.Precision >= 6,
        TypeId.TimestampLtz => serverType == "timestamptz" && type.Precision >= 6,
        _ => false,
    };

    private static int CompareValue(object? left, object? right)
    {
        // Primary key values are never null; order a null first all the same.
        if (left is null || right is null)
        {
            return (left is null ? 0 : 1) - (right is null ? 0 : 1);
        }

        return (left, right) switch
        {
            (sbyte or short or int or long, sbyte or short or int or long) => Convert.ToInt64(left, System.Globalization.CultureInfo.InvariantCulture)
                .CompareTo(Convert.ToInt64(right, System.Globalization.CultureInfo.InvariantCulture)),
            (decimal or sbyte or short or int or long, decimal or sbyte or short or int or long) =>
                Convert.ToDecimal(left, System.Globalization.CultureInfo.InvariantCulture)
                    .CompareTo(Convert.ToDecimal(right, System.Globalization.CultureInfo.InvariantCulture)),
            (string a, string b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)),
            (DateTimeOffset a, DateTimeOffset b) => a.UtcTicks.CompareTo(b.UtcTicks),
            (DateTime a, DateTime b) => a.Ticks.CompareTo(b.Ticks),
            (DateOnly a, DateOnly b) => a.CompareTo(b),
            (bool a, bool b) => a.CompareTo(b),
            _ => throw new InvalidOperationException($"Cannot compare key values {left} ({left.GetType().Name}) and {right} ({right.GetType().Name})."),
        };
    }
}
