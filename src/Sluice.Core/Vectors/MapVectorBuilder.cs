using System.Collections;
using Sluice.Core.Batches;
using Sluice.Core.Types;

namespace Sluice.Core.Vectors;

/// <summary>
/// Builds a <see cref="MapVector"/>: call <see cref="StartEntry"/>, then append one key to <see cref="Keys"/> and
/// one value to <see cref="Values"/> per pair; the entry ends at the next <see cref="StartEntry"/>,
/// <see cref="AppendNull"/> or <see cref="Build"/>. See <see cref="ColumnVectorBuilder"/> for the lifecycle.
/// </summary>
public sealed class MapVectorBuilder : ColumnVectorBuilder
{
    private EntryOffsets _offsets;

    /// <summary>Creates a builder for <c>MAP</c> values.</summary>
    public MapVectorBuilder(DataType dataType, int capacity = 16)
        : base(dataType, capacity)
    {
        if (dataType.PhysicalType != PhysicalType.Map)
        {
            throw new ArgumentException($"A map vector cannot hold {dataType}.", nameof(dataType));
        }

        Keys = Create(dataType.KeyType!, capacity);
        Values = Create(dataType.ValueType!, capacity);
    }

    /// <summary>The builder of the keys of all entries.</summary>
    public ColumnVectorBuilder Keys { get; }

    /// <summary>The builder of the values of all entries.</summary>
    public ColumnVectorBuilder Values { get; }

    /// <inheritdoc />
    public override int Count => _offsets.Count;

    /// <summary>Starts a new (non-null) entry; append its pairs to <see cref="Keys"/> and <see cref="Values"/>.</summary>
    public void StartEntry()
    {
        _offsets.Start(Keys.Count);
    }

    /// <inheritdoc />
    public override void AppendNull()
    {
        MarkNull(_offsets.Count);
        StartEntry();
    }

    /// <inheritdoc />
    public override void Append(object? value)
    {
        switch (value)
        {
            case null:
                AppendNull();
                break;
            case IDictionary dictionary:
                StartEntry();
                foreach (DictionaryEntry entry in dictionary)
                {
                    Keys.Append(entry.Key);
                    Values.Append(entry.Value);
                }

                break;
            case IEnumerable<KeyValuePair<object?, object?>> pairs:
                StartEntry();
                foreach (var pair in pairs)
                {
                    Keys.Append(pair.Key);
                    Values.Append(pair.Value);
                }

                break;
            default:
                throw ValueConverter.Unsupported(DataType, value);
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Fewer or more keys than values were appended.</exception>
    public override ColumnVector Build()
    {
        if (Keys.Count != Values.Count)
        {
            throw new InvalidOperationException($"A map needs as many keys ({Keys.Count}) as values ({Values.Count}).");
        }

        var count = _offsets.Count;
        var offsets = _offsets.Take(Keys.Count);
        var keys = Keys.Build();
        var values = Values.Build();
        var vector = new MapVector(DataType, offsets, keys, values, count, TakeNulls(count));
        return vector;
    }

    private protected override void ReleaseBuffers()
    {
        _offsets.Release();
        Keys.Dispose();
        Values.Dispose();
    }
}
