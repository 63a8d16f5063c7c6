using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Npgsql;
using Sluice.Core.Errors;
using Sluice.Core.Types;

namespace Sluice.Connectors.Postgres.Types;

/// <summary>
/// The mapping between Sluice's logical types and PostgreSQL's: which server column types a Sluice column may be
/// read from or written to, and the conversions between Npgsql's values and Sluice's external values
/// (<see cref="DateOnly"/> for DATE, <see cref="TimeOnly"/> for TIME, <see cref="DateTime"/> for TIMESTAMP,
/// <see cref="DateTimeOffset"/> for TIMESTAMP_LTZ, <see cref="decimal"/> for DECIMAL, or <see cref="UnscaledDecimal"/> for a
/// DECIMAL value beyond <see cref="decimal"/>'s 28 digits, arrays as lists). Thread-safe.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Sluice</term><description>PostgreSQL</description></listheader>
/// <item><term>BOOLEAN</term><description>bool</description></item>
/// <item><term>TINYINT, SMALLINT</term><description>int2 (int4, int8 when writing)</description></item>
/// <item><term>INT</term><description>int4 (int2 when reading; int8 when writing)</description></item>
/// <item><term>BIGINT</term><description>int8 (int2, int4 when reading)</description></item>
/// <item><term>FLOAT / DOUBLE</term><description>float4 / float8 (float4 when reading a DOUBLE)</description></item>
/// <item><term>DECIMAL(p, s)</term><description>numeric</description></item>
/// <item><term>CHAR, VARCHAR, STRING</term><description>text, varchar, bpchar (and json, jsonb, uuid, name when reading)</description></item>
/// <item><term>BINARY, VARBINARY, BYTES</term><description>bytea</description></item>
/// <item><term>DATE, TIME, TIMESTAMP, TIMESTAMP_LTZ</term><description>date, time, timestamp, timestamptz (which keep
/// microseconds: a <c>TIMESTAMP(7..9)</c> column reads them with zero nanoseconds and is written floored to the microsecond)</description></item>
/// <item><term>ARRAY&lt;T&gt;</term><description>the array type of T's mapping (one dimension)</description></item>
/// </list>
/// </remarks>
internal static class PostgresTypes
{
    private static readonly MethodInfo GetFieldValueMethod = typeof(NpgsqlDataReader).GetMethod(nameof(NpgsqlDataReader.GetFieldValue))!;
    private static readonly ConcurrentDictionary<Type, MethodInfo> GetFieldValueByType = new();

    /// <summary>Why <paramref name="type"/> cannot be used with PostgreSQL, or null when it can.</summary>
    public static string? Unsupported(DataType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.TypeId switch
        {
            TypeId.Array when type.ElementType is { IsNested: true } => $"{type} (only arrays of scalar types are supported)",
            TypeId.Array => Unsupported(type.ElementType!),
            TypeId.Map or TypeId.Multiset or TypeId.Row or TypeId.IntervalDayTime or TypeId.IntervalYearMonth or TypeId.Null => type.ToString(),
            _ => null,
        };
    }

    /// <summary>The PostgreSQL type a column of <paramref name="type"/> is written as in a <c>CREATE TABLE</c> (for messages).</summary>
    public static string SuggestedType(DataType type) => type.TypeId switch
    {
        TypeId.Boolean => "boolean",
        TypeId.TinyInt or TypeId.SmallInt => "smallint",
        TypeId.Int => "integer",
        TypeId.BigInt => "bigint",
        TypeId.Float => "real",
        TypeId.Double => "double precision",
        TypeId.Decimal => $"numeric({type.Precision},{type.Scale})",
        TypeId.Char or TypeId.VarChar => "text",
        TypeId.Binary or TypeId.VarBinary => "bytea",
        TypeId.Date => "date",
        TypeId.Time => "time",
        TypeId.Timestamp => "timestamp",
        TypeId.TimestampLtz => "timestamptz",
        TypeId.Array => SuggestedType(type.ElementType!) + "[]",
        _ => type.ToString(),
    };

    /// <summary>
    /// True when a Sluice column of <paramref name="type"/> can be read from (or, with <paramref name="forWriting"/>,
    /// written to) a server column of type <paramref name="udtName"/> (<c>pg_type.typname</c>, e.g. <c>int4</c>, <c>_int4</c>).
    /// </summary>
    public static bool IsCompatible(DataType type, string udtName, bool forWriting)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(udtName);
        if (type.TypeId == TypeId.Array)
        {
            return udtName.StartsWith('_') && IsCompatible(type.ElementType!, udtName[1..], forWriting);
        }

        return type.TypeId switch
        {
            TypeId.Boolean => udtName == "bool",
            TypeId.TinyInt or TypeId.SmallInt => udtName == "int2" || (forWriting && udtName is "int4" or "int8" or "numeric"),
            TypeId.Int => udtName == "int4" || (forWriting ? udtName is "int8" or "numeric" : udtName == "int2"),
            TypeId.BigInt => udtName == "int8" || (forWriting ? udtName == "numeric" : udtName is "int2" or "int4"),
            TypeId.Float => udtName == "float4" || (forWriting && udtName == "float8"),
            TypeId.Double => udtName == "float8" || (!forWriting && udtName == "float4"),
            TypeId.Decimal => udtName == "numeric",
            TypeId.Char or TypeId.VarChar => udtName is "text" or "varchar" or "bpchar"
                || (!forWriting && udtName is "json" or "jsonb" or "uuid" or "name" or "citext"),
            TypeId.Binary or TypeId.VarBinary => udtName == "bytea",
            TypeId.Date => udtName == "date",
            TypeId.Time => udtName == "time",
            TypeId.Timestamp => udtName == "timestamp",
            TypeId.TimestampLtz => udtName == "timestamptz",
            _ => false,
        };
    }

    /// <summary>
    /// The select list that reads <paramref name="schema"/>'s columns for <see cref="Read"/>: <c>DECIMAL</c> columns as
    /// text, so that values beyond the 28 digits of <see cref="decimal"/> are read exactly (or refused, naming the column).
    /// A column that <paramref name="selected"/> leaves out is sent as a <c>NULL</c> (projection pushdown: the server neither
    /// reads nor sends it, and <see cref="Read"/> gives null), so the ordinals stay those of the schema.
    /// </summary>
    public static string SelectList(Sluice.Core.Schemas.Schema schema, Func<int, bool>? selected = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return string.Join(", ", schema.Fields.Select((f, i) => (selected?.Invoke(i) ?? true) switch
        {
            false => $"NULL AS {Connection.TableName.Quote(f.Name)}",
            true when f.DataType.TypeId == TypeId.Decimal => $"{Connection.TableName.Quote(f.Name)}::text AS {Connection.TableName.Quote(f.Name)}",
            true => Connection.TableName.Quote(f.Name),
        }));
    }

    /// <summary>Appends a value read by <see cref="Read"/> or <see cref="ParseText"/> (an <see cref="UnscaledDecimal"/> as stored).</summary>
    public static void Append(Sluice.Core.Batches.RecordBatchBuilder builder, int column, object? value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (value is UnscaledDecimal exact)
        {
            builder.AppendInt128(column, exact.Unscaled);
        }
        else
        {
            builder.Append(column, value);
        }
    }

    /// <summary>Reads column <paramref name="ordinal"/> of the current row as the external value of <paramref name="type"/>.</summary>
    /// <exception cref="ConnectorException">The value does not fit the type (e.g. a numeric with more digits than the column's
    /// <c>DECIMAL(p, s)</c>); names the column.</exception>
    public static object? Read(NpgsqlDataReader reader, int ordinal, DataType type, string connector)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            return ReadValue(reader, ordinal, type);
        }
        catch (Exception ex) when (ex is InvalidCastException or OverflowException or ArgumentException or FormatException)
        {
            throw new ConnectorException(connector,
                $"cannot read the value of column \"{reader.GetName(ordinal)}\" ({(type.TypeId == TypeId.Decimal ? "numeric" : reader.GetDataTypeName(ordinal))}) as {type}: {ex.Message}",
                ErrorDomain.User, RetryHint.None, ex);
        }
    }

    private static object? ReadValue(NpgsqlDataReader reader, int ordinal, DataType type)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var udt = reader.GetDataTypeName(ordinal);
        switch (type.TypeId)
        {
            case TypeId.Boolean:
                return reader.GetBoolean(ordinal);
            case TypeId.TinyInt:
                return checked((sbyte)reader.GetInt16(ordinal));
            case TypeId.SmallInt:
                return reader.GetInt16(ordinal);
            case TypeId.Int:
                return reader.GetInt32(ordinal);
            case TypeId.BigInt:
                return reader.GetInt64(ordinal);
            case TypeId.Float:
                return reader.GetFloat(ordinal);
            case TypeId.Double:
                return reader.GetDouble(ordinal);
            case TypeId.Decimal when udt == "text":
                // Selected as text (SelectList): exact beyond the 28 digits of System.Decimal.
                return ExactDecimal.Parse(reader.GetString(ordinal), type);
            case TypeId.Decimal:
                var rounded = decimal.Round(reader.GetDecimal(ordinal), type.Scale, MidpointRounding.AwayFromZero);
                return Decimals.TryToUnscaled(rounded, type.Precision, type.Scale, out _)
                    ? rounded
                    : throw new OverflowException($"the value {rounded} needs more than the {type.Precision} digits of {type}");
            case TypeId.Char or TypeId.VarChar:
                return udt is "uuid" ? reader.GetGuid(ordinal).ToString() : reader.GetFieldValue<string>(ordinal);
            case TypeId.Binary or TypeId.VarBinary:
                return reader.GetFieldValue<byte[]>(ordinal);
            case TypeId.Date:
                return reader.GetFieldValue<DateOnly>(ordinal);
            case TypeId.Time:
                return new TimeOnly(Truncate(reader.GetFieldValue<TimeOnly>(ordinal).Ticks, type.Precision));
            case TypeId.Timestamp:
                var timestamp = reader.GetFieldValue<DateTime>(ordinal);
                return new DateTime(Truncate(timestamp.Ticks, type.Precision), timestamp.Kind);
            case TypeId.TimestampLtz:
                var instant = reader.GetFieldValue<DateTimeOffset>(ordinal);
                return new DateTimeOffset(Truncate(instant.Ticks, type.Precision), instant.Offset);
            case TypeId.Array:
                var arrayType = ClrType(type.ElementType!).MakeArrayType();
                var method = GetFieldValueByType.GetOrAdd(arrayType, t => GetFieldValueMethod.MakeGenericMethod(t));
                var array = (Array)method.Invoke(reader, [ordinal])!;
                var list = new object?[array.Length];
                for (var i = 0; i < list.Length; i++)
                {
                    list[i] = FromClr(array.GetValue(i), type.ElementType!);
                }

                return list;
            default:
                throw new NotSupportedException($"Type {type} cannot be read from PostgreSQL.");
        }
    }

    /// <summary>
    /// Converts a Sluice external value of <paramref name="type"/> into the value Npgsql writes to a column of
    /// <paramref name="udtName"/>; a <c>numeric</c> beyond <see cref="decimal"/> (an <see cref="UnscaledDecimal"/>) becomes
    /// its exact text, to be sent as <c>text</c> and cast (<see cref="AddParameter"/>).
    /// </summary>
    public static object ToParameter(object? value, DataType type, string udtName)
    {
        if (value is null)
        {
            return DBNull.Value;
        }

        if (udtName.StartsWith('_'))
        {
            var items = ((System.Collections.IEnumerable)value).Cast<object?>().ToList();
            var elementClr = ParameterClrType(udtName[1..]);
            var nullable = elementClr.IsValueType ? typeof(Nullable<>).MakeGenericType(elementClr) : elementClr;
            var array = Array.CreateInstance(nullable, items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var element = ToParameter(items[i], type.ElementType!, udtName[1..]);
                array.SetValue(element is DBNull ? null : element, i);
            }

            return array;
        }

        return udtName switch
        {
            "int2" => Convert.ToInt16(value, CultureInfo.InvariantCulture),
            "int4" => Convert.ToInt32(value, CultureInfo.InvariantCulture),
            "int8" => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            "numeric" when value is UnscaledDecimal wide => ExactDecimal.Format(wide.Unscaled, type.Scale),
            "numeric" => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
            "float4" => Convert.ToSingle(value, CultureInfo.InvariantCulture),
            "float8" => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            // PostgreSQL keeps microseconds: a TIMESTAMP(7..9) value is floored to its microsecond here.
            "timestamp" => FloorToMicro(DateTime.SpecifyKind((DateTime)value, DateTimeKind.Unspecified)),
            "timestamptz" => FloorToMicro(value is DateTimeOffset dto ? dto.UtcDateTime : DateTime.SpecifyKind((DateTime)value, DateTimeKind.Utc)),
            _ => value,
        };
    }

    /// <summary>
    /// Adds <paramref name="value"/> (an external value of <paramref name="type"/>) as a parameter for a server column of
    /// <paramref name="udtName"/> and returns its placeholder (<c>$3</c>). A <c>DECIMAL</c> value beyond <see cref="decimal"/>'s
    /// 28 digits (an <see cref="UnscaledDecimal"/>) travels as its exact text, cast by the placeholder (<c>$3::numeric</c>).
    /// </summary>
    public static string AddParameter(NpgsqlParameterCollection parameters, object? value, DataType type, string udtName)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(udtName);
        var converted = ToParameter(value, type, udtName);
        var parameter = new NpgsqlParameter { Value = converted };
        var wide = udtName == "numeric" && converted is string;
        if (wide)
        {
            parameter.DataTypeName = "text";
        }
        else if (!udtName.StartsWith('_'))
        {
            parameter.DataTypeName = udtName;
        }

        parameters.Add(parameter);
        return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture) + (wide ? "::numeric" : "");
    }

    /// <summary>The CLR type Npgsql reads for a Sluice scalar type.</summary>
    private static Type ClrType(DataType type)
    {
        var clr = type.TypeId switch
        {
            TypeId.Boolean => typeof(bool),
            TypeId.TinyInt or TypeId.SmallInt => typeof(short),
            TypeId.Int => typeof(int),
            TypeId.BigInt => typeof(long),
            TypeId.Float => typeof(float),
            TypeId.Double => typeof(double),
            TypeId.Decimal => typeof(decimal),
            TypeId.Char or TypeId.VarChar => typeof(string),
            TypeId.Binary or TypeId.VarBinary => typeof(byte[]),
            TypeId.Date => typeof(DateOnly),
            TypeId.Time => typeof(TimeOnly),
            TypeId.Timestamp => typeof(DateTime),
            TypeId.TimestampLtz => typeof(DateTimeOffset),
            _ => throw new NotSupportedException($"Arrays of {type} are not supported."),
        };
        return clr.IsValueType ? typeof(Nullable<>).MakeGenericType(clr) : clr;
    }

    private static Type ParameterClrType(string udtName) => udtName switch
    {
        "bool" => typeof(bool),
        "int2" => typeof(short),
        "int4" => typeof(int),
        "int8" => typeof(long),
        "numeric" => typeof(decimal),
        "float4" => typeof(float),
        "float8" => typeof(double),
        "bytea" => typeof(byte[]),
        "date" => typeof(DateOnly),
        "time" => typeof(TimeOnly),
        "timestamp" or "timestamptz" => typeof(DateTime),
        _ => typeof(string),
    };

    private static object? FromClr(object? value, DataType type) => value switch
    {
        null => null,
        short s when type.TypeId == TypeId.TinyInt => checked((sbyte)s),
        decimal d => decimal.Round(d, type.Scale, MidpointRounding.AwayFromZero),
        _ => value,
    };

    /// <summary>
    /// Parses PostgreSQL's text output of a value (as logical replication sends it) into the external value of
    /// <paramref name="type"/>.
    /// </summary>
    /// <exception cref="FormatException">The text is not a value of the type.</exception>
    public static object ParseText(string text, DataType type)
    {
        ArgumentNullException.ThrowIfNull(text);
        var inv = CultureInfo.InvariantCulture;
        switch (type.TypeId)
        {
            case TypeId.Boolean:
                return text is "t" or "true";
            case TypeId.TinyInt:
                return sbyte.Parse(text, inv);
            case TypeId.SmallInt:
                return short.Parse(text, inv);
            case TypeId.Int:
                return int.Parse(text, inv);
            case TypeId.BigInt:
                return long.Parse(text, inv);
            case TypeId.Float:
                return (float)ParseDouble(text);
            case TypeId.Double:
                return ParseDouble(text);
            case TypeId.Decimal:
                return ExactDecimal.Parse(text, type);
            case TypeId.Char or TypeId.VarChar:
                return text;
            case TypeId.Binary or TypeId.VarBinary:
                return text.StartsWith("\\x", StringComparison.Ordinal)
                    ? Convert.FromHexString(text.AsSpan(2))
                    : throw new FormatException($"Unsupported bytea text '{text}' (set bytea_output = 'hex').");
            case TypeId.Date:
                return DateOnly.ParseExact(text, "yyyy-MM-dd", inv);
            case TypeId.Time:
                return new TimeOnly(Truncate(TimeOnly.ParseExact(text, ["HH:mm:ss", "HH:mm:ss.FFFFFFF"], inv).Ticks, type.Precision));
            case TypeId.Timestamp:
                var timestamp = DateTime.ParseExact(text, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF"], inv, DateTimeStyles.None);
                return new DateTime(Truncate(timestamp.Ticks, type.Precision), timestamp.Kind);
            case TypeId.TimestampLtz:
                var instant = DateTimeOffset.ParseExact(text,
                    ["yyyy-MM-dd HH:mm:sszz", "yyyy-MM-dd HH:mm:ss.FFFFFFFzz", "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz"],
                    inv, DateTimeStyles.None);
                return new DateTimeOffset(Truncate(instant.Ticks, type.Precision), instant.Offset);
            case TypeId.Array when type.ElementType is { IsNested: false } element:
                return ParseArray(text, element);
            default:
                throw new FormatException($"Values of {type} cannot be decoded from the replication stream.");
        }
    }

    /// <summary>Parses a one-dimensional array literal such as <c>{1,NULL,3}</c> or <c>{"a b","c\"d"}</c>.</summary>
    private static object?[] ParseArray(string text, DataType element)
    {
        if (text.Length < 2 || text[0] != '{' || text[^1] != '}')
        {
            throw new FormatException($"'{text}' is not an array literal.");
        }

        var items = new List<object?>();
        var i = 1;
        var end = text.Length - 1;
        while (i < end)
        {
            string item;
            var quoted = text[i] == '"';
            if (quoted)
            {
                var builder = new System.Text.StringBuilder();
                for (i++; i < end && text[i] != '"'; i++)
                {
                    if (text[i] == '\\' && i + 1 < end)
                    {
                        i++;
                    }

                    builder.Append(text[i]);
                }

                i++;
                item = builder.ToString();
            }
            else
            {
                var start = i;
                while (i < end && text[i] != ',')
                {
                    if (text[i] == '{')
                    {
                        throw new FormatException($"Multi-dimensional arrays are not supported: '{text}'.");
                    }

                    i++;
                }

                item = text[start..i];
            }

            items.Add(!quoted && item == "NULL" ? null : ParseText(item, element));
            if (i < end && text[i] == ',')
            {
                i++;
            }
        }

        return [.. items];
    }

    /// <summary>The date-time floored to its microsecond (ticks are 100 ns).</summary>
    private static DateTime FloorToMicro(DateTime value) => new(value.Ticks - (value.Ticks % 10), value.Kind);

    /// <summary>Cuts <paramref name="ticks"/> (100 ns) down to <paramref name="precision"/> fractional digits of a second.</summary>
    private static long Truncate(long ticks, int precision)
    {
        if (precision >= 7)
        {
            return ticks;
        }

        var unit = (long)Math.Pow(10, 7 - precision);
        return ticks - (ticks % unit);
    }

    private static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
