using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Schemas;

namespace Sluice.Connectors.Kafka.Table;

/// <summary>
/// Where each column of a Kafka table lives in a record: in the key (the <c>key.fields</c>, named without
/// <c>key.fields-prefix</c> in the key format), in the value (every physical column, or those not in the key with
/// <c>value.fields-include</c> = <c>EXCEPT_KEY</c>), or in the record's metadata (<c>METADATA</c> columns). Immutable.
/// </summary>
internal sealed class KafkaRowLayout
{
    private KafkaRowLayout(Schema schema, int[] keyIndexes, Schema? keySchema, int[] valueIndexes, Schema valueSchema,
        IReadOnlyList<(int Index, string Key)> metadata)
    {
        Schema = schema;
        KeyIndexes = keyIndexes;
        KeySchema = keySchema;
        ValueIndexes = valueIndexes;
        ValueSchema = valueSchema;
        Metadata = metadata;
    }

    /// <summary>The table's schema (physical and metadata columns).</summary>
    public Schema Schema { get; }

    /// <summary>The table columns of the key format's fields, in key order.</summary>
    public int[] KeyIndexes { get; }

    /// <summary>The key format's schema (names without the prefix), or null when the key has no fields.</summary>
    public Schema? KeySchema { get; }

    /// <summary>The table columns of the value format's fields.</summary>
    public int[] ValueIndexes { get; }

    /// <summary>The value format's schema.</summary>
    public Schema ValueSchema { get; }

    /// <summary>The metadata columns: table column and metadata key.</summary>
    public IReadOnlyList<(int Index, string Key)> Metadata { get; }

    /// <summary>
    /// This layout with only the value fields that <paramref name="reads"/> reads (at least one, so that a value still
    /// decodes to its rows): for a value format that finds fields by name (<c>json</c>), whose decoder then skips the
    /// others; the source leaves those columns NULL. Returns this layout when every value field is read.
    /// </summary>
    public KafkaRowLayout Project(ColumnReads reads)
    {
        ArgumentNullException.ThrowIfNull(reads);
        var read = ValueIndexes.Where(i => reads.IsRead(i)).ToArray();
        if (read.Length == ValueIndexes.Length)
        {
            return this;
        }

        if (read.Length == 0)
        {
            read = [ValueIndexes[0]];
        }

        return new KafkaRowLayout(Schema, KeyIndexes, KeySchema, read, new Schema(read.Select(i => Schema[i])), Metadata);
    }

    /// <summary>Computes the layout of <paramref name="context"/>'s table.</summary>
    /// <param name="context">The table.</param>
    /// <param name="owner">The connector, for messages (<c>connector 'kafka'</c>).</param>
    /// <param name="keyFields">The key columns in key order (empty: no key fields).</param>
    /// <param name="exceptKey">True for <c>value.fields-include</c> = <c>EXCEPT_KEY</c>.</param>
    /// <param name="keyPrefix">The <c>key.fields-prefix</c> (empty when unset).</param>
    /// <param name="keyFieldsOption">The option that named the key fields, for messages.</param>
    /// <exception cref="TableOptionException">A key field or a metadata column does not fit.</exception>
    public static KafkaRowLayout Create(TableContext context, string owner, IReadOnlyList<string> keyFields, bool exceptKey,
        string keyPrefix, string keyFieldsOption)
    {
        var schema = context.Schema;
        var metadata = new List<(int, string)>();
        foreach (var (column, key) in context.MetadataColumns)
        {
            var index = schema.IndexOf(column);
            if (index < 0)
            {
                continue;
            }

            if (!KafkaMetadata.Readable.ContainsKey(key))
            {
                throw new TableOptionException(
                    $"Unsupported metadata key '{key}' of column '{column}' in table '{context.TableName}' for {owner}. " +
                    $"Available keys: {string.Join(", ", KafkaMetadata.Readable.Keys.Select(k => $"'{k}'"))}.", null, owner);
            }

            metadata.Add((index, key));
        }

        metadata.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        var keyIndexes = new int[keyFields.Count];
        var keySchemaFields = new List<Field>();
        for (var i = 0; i < keyFields.Count; i++)
        {
            var name = keyFields[i];
            var index = schema.IndexOf(name);
            if (index < 0 || metadata.Any(m => m.Item1 == index))
            {
                throw new TableOptionException(
                    $"Invalid value for option '{keyFieldsOption}' of {owner}: '{name}' is not a physical column of table '{context.TableName}'. " +
                    $"Columns: {string.Join(", ", schema.Fields.Select(f => f.Name))}.", keyFieldsOption, owner);
            }

            if (!name.StartsWith(keyPrefix, StringComparison.Ordinal) || name.Length == keyPrefix.Length)
            {
                throw new TableOptionException(
                    $"Key column '{name}' of table '{context.TableName}' does not start with the '{KafkaOptions.KeyFieldsPrefix}' '{keyPrefix}'.",
                    KafkaOptions.KeyFieldsPrefix, owner);
            }

            keyIndexes[i] = index;
            keySchemaFields.Add(new Field(name[keyPrefix.Length..], schema[index].DataType));
        }

        var valueIndexes = new List<int>();
        for (var i = 0; i < schema.Count; i++)
        {
            if (metadata.Any(m => m.Item1 == i) || (exceptKey && keyIndexes.Contains(i)))
            {
                continue;
            }

            valueIndexes.Add(i);
        }

        var valueSchema = new Schema(valueIndexes.Select(i => schema[i]));
        return new KafkaRowLayout(schema, keyIndexes, keyIndexes.Length == 0 ? null : new Schema(keySchemaFields), [.. valueIndexes],
            valueSchema, metadata);
    }
}
