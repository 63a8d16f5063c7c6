using System.Collections;
using Sluice.Core.Schemas;
using Sluice.Sql.Catalog;

namespace Sluice.Sql.Planning;

/// <summary>
/// The output columns of a plan node. Names are unique (the binder makes them so, as Calcite does, by appending
/// digits: <c>city</c>, <c>city0</c>). Unlike <see cref="Schema"/>, every column may carry a time attribute, since a
/// join can have two. Immutable, compares by value.
/// </summary>
public sealed class PlanSchema : IReadOnlyList<PlanColumn>, IEquatable<PlanSchema>
{
    private readonly PlanColumn[] _columns;

    /// <summary>Creates a schema.</summary>
    /// <exception cref="ArgumentException">Two columns have the same name.</exception>
    public PlanSchema(IEnumerable<PlanColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns.ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in _columns)
        {
            if (!seen.Add(column.Name))
            {
                throw new ArgumentException($"Column name '{column.Name}' appears more than once.", nameof(columns));
            }
        }
    }

    /// <summary>No columns.</summary>
    public static PlanSchema Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _columns.Length;

    /// <inheritdoc />
    public PlanColumn this[int index] => _columns[index];

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Names => _columns.Select(c => c.Name).ToArray();

    /// <summary>Equality operator (value equality).</summary>
    public static bool operator ==(PlanSchema? left, PlanSchema? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality operator (value equality).</summary>
    public static bool operator !=(PlanSchema? left, PlanSchema? right) => !(left == right);

    /// <summary>
    /// Makes names unique the way Calcite does: a name already taken gets the first free suffix 0, 1, 2, ...
    /// (<c>a, a, a</c> becomes <c>a, a0, a1</c>).
    /// </summary>
    public static IReadOnlyList<string> Uniquify(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var list = names.ToList();
        var taken = new HashSet<string>(list, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            if (seen.Add(list[i]))
            {
                continue;
            }

            var suffix = 0;
            string candidate;
            do
            {
                candidate = list[i] + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
                suffix++;
            }
            while (taken.Contains(candidate));

            taken.Add(candidate);
            seen.Add(candidate);
            list[i] = candidate;
        }

        return list;
    }

    /// <summary>A schema of <paramref name="columns"/> whose names are first made unique with <see cref="Uniquify"/>.</summary>
    public static PlanSchema Unique(IReadOnlyList<PlanColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var names = Uniquify(columns.Select(c => c.Name));
        return new PlanSchema(columns.Select((c, i) => c.Name == names[i] ? c : c with { Name = names[i] }));
    }

    /// <summary>The index of the column named <paramref name="name"/> (case-sensitive), or -1.</summary>
    public int IndexOf(string name) => Array.FindIndex(_columns, c => c.Name == name);

    /// <summary>
    /// This schema as a <see cref="Schema"/>: names and types, with the first event-time attribute as its row-time
    /// column (processing-time attributes are not represented there).
    /// </summary>
    public Schema ToSchema() =>
        new(_columns.Select(c => new Field(c.Name, c.Type)), Array.FindIndex(_columns, c => c.TimeAttribute == TimeAttribute.RowTime));

    /// <inheritdoc />
    public bool Equals(PlanSchema? other) => other is not null && _columns.AsSpan().SequenceEqual(other._columns);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PlanSchema other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var column in _columns)
        {
            hash.Add(column);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public IEnumerator<PlanColumn> GetEnumerator() => ((IEnumerable<PlanColumn>)_columns).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _columns.GetEnumerator();

    /// <summary>The columns as plan text, for example <c>[city: STRING, events: BIGINT NOT NULL]</c>.</summary>
    public override string ToString() => "[" + string.Join(", ", _columns.Select(c => c.ToString())) + "]";
}
