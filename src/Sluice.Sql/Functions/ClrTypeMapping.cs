using System.Reflection;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Sql.Functions;

/// <summary>
/// How a .NET type of a user-defined function (a parameter, a return value, a row) maps to a SQL type, and back: the
/// single description the planner (types) and the runtime (value conversion) share. Immutable.
/// </summary>
/// <remarks>
/// <para><b>Defaults.</b> <see cref="bool"/> <c>BOOLEAN</c>; <see cref="sbyte"/> <c>TINYINT</c>; <see cref="short"/>
/// <c>SMALLINT</c>; <see cref="int"/> <c>INT</c>; <see cref="long"/> <c>BIGINT</c>; <see cref="float"/> <c>FLOAT</c>;
/// <see cref="double"/> <c>DOUBLE</c>; <see cref="decimal"/> <c>DECIMAL(38, 18)</c>; <see cref="string"/> <c>STRING</c>;
/// <c>byte[]</c> <c>BYTES</c>; <see cref="DateOnly"/> <c>DATE</c>; <see cref="TimeOnly"/> <c>TIME(6)</c>;
/// <see cref="DateTime"/> <c>TIMESTAMP(6)</c>; <see cref="DateTimeOffset"/> <c>TIMESTAMP_LTZ(6)</c>;
/// <see cref="TimeSpan"/> <c>INTERVAL DAY TO SECOND(6)</c>; <c>T[]</c> and <see cref="List{T}"/> (or its interfaces)
/// <c>ARRAY&lt;T&gt;</c>; <see cref="Dictionary{TKey, TValue}"/> (or its interfaces) <c>MAP&lt;K, V&gt;</c>; value tuples
/// <c>ROW&lt;f0, f1, ...&gt;</c>; other classes, records and structs <c>ROW</c> with one field per public property, in
/// declaration order, named like the property. <see cref="SqlTypeAttribute"/> overrides a default. A
/// <see cref="DateTime"/> or <see cref="DateTimeOffset"/> has 100 ns ticks: bound to <c>TIMESTAMP(7..9)</c> by
/// <see cref="SqlTypeAttribute"/> it reads the value floored to 100 ns and writes whole ticks.</para>
/// <para><b>Nullability.</b> Non-nullable value types are <c>NOT NULL</c>; <see cref="Nullable{T}"/> is nullable;
/// reference types are <c>NOT NULL</c> when annotated non-nullable (in a <c>#nullable enable</c> context) and nullable
/// otherwise.</para>
/// </remarks>
public sealed class ClrTypeMapping
{
    private const int MaxDepth = 16;

    private ClrTypeMapping(Type clrType, DataType sqlType, ClrTypeMappingKind kind, IReadOnlyList<ClrTypeMapping> children,
        IReadOnlyList<MemberInfo> members, ConstructorInfo? constructor, IReadOnlyList<int> constructorOrder)
    {
        ClrType = clrType;
        SqlType = sqlType;
        Kind = kind;
        Children = children;
        Members = members;
        Constructor = constructor;
        ConstructorOrder = constructorOrder;
    }

    /// <summary>The .NET type as declared (possibly <see cref="Nullable{T}"/>).</summary>
    public Type ClrType { get; }

    /// <summary>The .NET type without <see cref="Nullable{T}"/>.</summary>
    public Type UnderlyingType => Nullable.GetUnderlyingType(ClrType) ?? ClrType;

    /// <summary>True when the .NET type can hold <c>null</c> (a reference type or <see cref="Nullable{T}"/>).</summary>
    public bool ClrAcceptsNull => !ClrType.IsValueType || Nullable.GetUnderlyingType(ClrType) is not null;

    /// <summary>The SQL type, with its nullability.</summary>
    public DataType SqlType { get; }

    /// <summary>True when the SQL type is nullable: the .NET value may be <c>null</c>.</summary>
    public bool IsNullable => SqlType.IsNullable;

    /// <summary>The shape of the mapping.</summary>
    public ClrTypeMappingKind Kind { get; }

    /// <summary>The element (arrays, lists), the key and the value (maps), or the fields (rows).</summary>
    public IReadOnlyList<ClrTypeMapping> Children { get; }

    /// <summary>For a row: the property or field of each SQL field, in field order.</summary>
    public IReadOnlyList<MemberInfo> Members { get; }

    /// <summary>
    /// For a row: the public constructor that creates a value from its fields (see <see cref="ConstructorOrder"/>), a
    /// parameterless constructor (the members are then set), or null when values of the type cannot be created (the type
    /// can then only be returned by functions, not passed to them).
    /// </summary>
    public ConstructorInfo? Constructor { get; }

    /// <summary>For a row created by a constructor with parameters: the field index of each constructor parameter.</summary>
    public IReadOnlyList<int> ConstructorOrder { get; }

    /// <summary>True when the runtime can create .NET values of this mapping from SQL values (every row in it can be constructed).</summary>
    public bool CanCreate => (Kind != ClrTypeMappingKind.Row || Constructor is not null) && Children.All(c => c.CanCreate);

    /// <summary>The mapping of <paramref name="type"/> with its default SQL type; reference types are nullable.</summary>
    /// <exception cref="ArgumentException">The type has no SQL counterpart.</exception>
    public static ClrTypeMapping Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Create(type, null, null, type.Name);
    }

    /// <summary>
    /// The mapping of <paramref name="type"/>: nullability from <paramref name="nullability"/> (null: reference types are
    /// nullable), and the SQL type <paramref name="declared"/> when given (it must fit the .NET type).
    /// </summary>
    /// <param name="type">The .NET type.</param>
    /// <param name="nullability">The nullable annotations of the declaration, or null.</param>
    /// <param name="declared">A declared SQL type (<see cref="SqlTypeAttribute"/>), or null for the default.</param>
    /// <param name="where">What is being mapped, for errors (for example <c>parameter 'value' of Eval</c>).</param>
    /// <exception cref="ArgumentException">The type has no SQL counterpart, or the declared type does not fit it.</exception>
    public static ClrTypeMapping Create(Type type, NullabilityInfo? nullability, DataType? declared, string where)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(where);
        return Create(type, nullability, declared, where, 0);
    }

    /// <summary>The declared SQL type of a parameter, return value, property or field (<see cref="SqlTypeAttribute"/>), or null.</summary>
    /// <exception cref="ArgumentException">The attribute's text is not a SQL type.</exception>
    public static DataType? DeclaredType(ICustomAttributeProvider provider, string where)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var attribute = provider.GetCustomAttributes(typeof(SqlTypeAttribute), true).OfType<SqlTypeAttribute>().FirstOrDefault();
        return attribute is null ? null : ParseType(attribute.Type, where);
    }

    /// <summary>Parses a SQL type written in Flink's syntax.</summary>
    /// <exception cref="ArgumentException">The text is not a SQL type.</exception>
    public static DataType ParseType(string text, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return SqlParser.ParseDataType(text).ToDataType();
        }
        catch (SqlException e)
        {
            throw new ArgumentException($"the SQL type '{text}' of {where} is invalid: {e.Reason}");
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{ClrType.Name} as {SqlType}";

    private static ClrTypeMapping Create(Type type, NullabilityInfo? nullability, DataType? declared, string where, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"the type of {where} nests too deeply (a recursive type?)");
        }

        var underlying = Nullable.GetUnderlyingType(type);
        var clrNullable = underlying is not null
            || (!type.IsValueType && nullability?.ReadState != NullabilityState.NotNull);
        var value = underlying ?? type;
        var nullable = clrNullable && (declared?.IsNullable ?? true);
        if (Scalar(value) is { } scalar)
        {
            var sqlType = declared ?? scalar.Default;
            if (!scalar.Accepted.Contains(sqlType.TypeId))
            {
                throw new ArgumentException($"the SQL type {sqlType.NotNull()} of {where} does not fit the .NET type {Describe(value)} (it maps to {scalar.Default.NotNull()})");
            }

            return new ClrTypeMapping(type, sqlType.WithNullability(nullable), ClrTypeMappingKind.Scalar, [], [], null, []);
        }

        if (value.IsArray)
        {
            if (value.GetArrayRank() != 1)
            {
                throw new ArgumentException($"the multi-dimensional array type {Describe(value)} of {where} has no SQL type; use a jagged array or a list");
            }

            var element = Create(value.GetElementType()!, nullability?.ElementType, Expect(declared, TypeId.Array, value, where)?.ElementType,
                $"the elements of {where}", depth + 1);
            return new ClrTypeMapping(type, DataTypes.Array(element.SqlType).WithNullability(nullable), ClrTypeMappingKind.Array, [element], [], null, []);
        }

        if (value.IsGenericType)
        {
            var definition = value.GetGenericTypeDefinition();
            var arguments = value.GetGenericArguments();
            var argumentNullability = nullability?.GenericTypeArguments;
            if (IsListType(definition))
            {
                var element = Create(arguments[0], At(argumentNullability, 0), Expect(declared, TypeId.Array, value, where)?.ElementType,
                    $"the elements of {where}", depth + 1);
                return new ClrTypeMapping(type, DataTypes.Array(element.SqlType).WithNullability(nullable), ClrTypeMappingKind.List, [element], [], null, []);
            }

            if (IsMapType(definition))
            {
                var map = Expect(declared, TypeId.Map, value, where);
                var key = Create(arguments[0], At(argumentNullability, 0), map?.KeyType, $"the keys of {where}", depth + 1);
                var mapped = Create(arguments[1], At(argumentNullability, 1), map?.ValueType, $"the values of {where}", depth + 1);
                return new ClrTypeMapping(type, DataTypes.Map(key.SqlType, mapped.SqlType).WithNullability(nullable), ClrTypeMappingKind.Map,
                    [key, mapped], [], null, []);
            }

            if (IsValueTuple(definition))
            {
                var fields = value.GetFields(BindingFlags.Public | BindingFlags.Instance).Where(f => f.Name.StartsWith("Item", StringComparison.Ordinal))
                    .OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
                var tupleType = Expect(declared, TypeId.Row, value, where);
                var constructor = value.GetConstructor(arguments);
                return Row(type, value, fields, fields.Select((_, i) => At(argumentNullability, i)).ToArray(), tupleType, nullable, where, depth,
                    constructor, Enumerable.Range(0, fields.Length).ToArray());
            }
        }

        if (value == typeof(object) || value.IsInterface || value.IsAbstract || value.IsPrimitive || value.IsEnum || value.IsPointer
            || typeof(Delegate).IsAssignableFrom(value))
        {
            throw new ArgumentException($"the .NET type {Describe(value)} of {where} has no SQL type");
        }

        var properties = value.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetMethod!.IsPublic)
            .OrderBy(p => p.MetadataToken)
            .ToArray();
        if (properties.Length == 0)
        {
            throw new ArgumentException($"the .NET type {Describe(value)} of {where} has no SQL type (a ROW needs public properties)");
        }

        var context = new NullabilityInfoContext();
        var (rowConstructor, order) = FindConstructor(value, properties);
        return Row(type, value, properties, properties.Select(p => (NullabilityInfo?)context.Create(p)).ToArray(),
            Expect(declared, TypeId.Row, value, where), nullable, where, depth, rowConstructor, order);
    }

    private static ClrTypeMapping Row(Type type, Type value, MemberInfo[] members, NullabilityInfo?[] nullabilities, DataType? declared,
        bool nullable, string where, int depth, ConstructorInfo? constructor, int[] order)
    {
        if (declared is not null && declared.Fields.Count != members.Length)
        {
            throw new ArgumentException(
                $"the SQL type {declared.NotNull()} of {where} has {declared.Fields.Count} fields, but {Describe(value)} has {members.Length} ({string.Join(", ", members.Select(m => m.Name))})");
        }

        var children = new ClrTypeMapping[members.Length];
        var fields = new Field[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            var member = members[i];
            var memberType = member is PropertyInfo property ? property.PropertyType : ((FieldInfo)member).FieldType;
            var fieldDeclared = declared?.Fields[i].DataType ?? DeclaredType(member, $"{member.Name} of {where}");
            children[i] = Create(memberType, nullabilities[i], fieldDeclared, $"{member.Name} of {where}", depth + 1);
            var name = declared?.Fields[i].Name ?? (IsValueTuple(value.IsGenericType ? value.GetGenericTypeDefinition() : value)
                ? "f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : member.Name);
            fields[i] = new Field(name, children[i].SqlType);
        }

        return new ClrTypeMapping(type, DataTypes.Row(fields).WithNullability(nullable), ClrTypeMappingKind.Row, children, members, constructor, order);
    }

    /// <summary>
    /// A constructor whose parameters are the properties (matched by name, ignoring case), or, for a class, a parameterless
    /// one when every property can be set.
    /// </summary>
    private static (ConstructorInfo? Constructor, int[] Order) FindConstructor(Type type, PropertyInfo[] properties)
    {
        foreach (var constructor in type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
                     .Where(c => c.GetParameters().Length == properties.Length && properties.Length > 0))
        {
            var parameters = constructor.GetParameters();
            var order = new int[parameters.Length];
            var matched = true;
            for (var i = 0; i < parameters.Length && matched; i++)
            {
                order[i] = Array.FindIndex(properties, p => string.Equals(p.Name, parameters[i].Name, StringComparison.OrdinalIgnoreCase)
                    && p.PropertyType == parameters[i].ParameterType);
                matched = order[i] >= 0;
            }

            if (matched && order.Distinct().Count() == order.Length)
            {
                return (constructor, order);
            }
        }

        var parameterless = type.IsValueType ? null : type.GetConstructor(Type.EmptyTypes);
        return parameterless is not null && properties.All(p => p.SetMethod is { IsPublic: true }) ? (parameterless, []) : (null, []);
    }

    private static DataType? Expect(DataType? declared, TypeId kind, Type type, string where)
    {
        if (declared is null)
        {
            return null;
        }

        if (declared.TypeId != kind)
        {
            throw new ArgumentException($"the SQL type {declared.NotNull()} of {where} does not fit the .NET type {Describe(type)} (it maps to a {kind.ToString().ToUpperInvariant()})");
        }

        return declared;
    }

    private static NullabilityInfo? At(NullabilityInfo[]? infos, int index) => infos is not null && index < infos.Length ? infos[index] : null;

    private static bool IsListType(Type definition) =>
        definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(ICollection<>)
        || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>);

    private static bool IsMapType(Type definition) =>
        definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>);

    private static bool IsValueTuple(Type definition) =>
        definition == typeof(ValueTuple<>) || definition == typeof(ValueTuple<,>) || definition == typeof(ValueTuple<,,>)
        || definition == typeof(ValueTuple<,,,>) || definition == typeof(ValueTuple<,,,,>) || definition == typeof(ValueTuple<,,,,,>)
        || definition == typeof(ValueTuple<,,,,,,>);

    /// <summary>A type name as written in C#: <c>List&lt;String&gt;</c>.</summary>
    internal static string Describe(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Describe(underlying) + "?";
        }

        if (type.IsArray)
        {
            return Describe(type.GetElementType()!) + "[]";
        }

        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return (tick > 0 ? name[..tick] : name) + "<" + string.Join(", ", type.GetGenericArguments().Select(Describe)) + ">";
    }

    private static (DataType Default, TypeId[] Accepted)? Scalar(Type type)
    {
        if (type == typeof(bool))
        {
            return (DataTypes.Boolean(), [TypeId.Boolean]);
        }

        if (type == typeof(sbyte))
        {
            return (DataTypes.TinyInt(), [TypeId.TinyInt]);
        }

        if (type == typeof(short))
        {
            return (DataTypes.SmallInt(), [TypeId.SmallInt]);
        }

        if (type == typeof(int))
        {
            return (DataTypes.Int(), [TypeId.Int]);
        }

        if (type == typeof(long))
        {
            return (DataTypes.BigInt(), [TypeId.BigInt]);
        }

        if (type == typeof(float))
        {
            return (DataTypes.Float(), [TypeId.Float]);
        }

        if (type == typeof(double))
        {
            return (DataTypes.Double(), [TypeId.Double]);
        }

        if (type == typeof(decimal))
        {
            return (DataTypes.Decimal(38, 18), [TypeId.Decimal]);
        }

        if (type == typeof(string))
        {
            return (DataTypes.String(), [TypeId.VarChar, TypeId.Char]);
        }

        if (type == typeof(byte[]))
        {
            return (DataTypes.Bytes(), [TypeId.VarBinary, TypeId.Binary]);
        }

        if (type == typeof(DateOnly))
        {
            return (DataTypes.Date(), [TypeId.Date]);
        }

        if (type == typeof(TimeOnly))
        {
            return (DataTypes.Time(6), [TypeId.Time]);
        }

        if (type == typeof(DateTime))
        {
            return (DataTypes.Timestamp(6), [TypeId.Timestamp]);
        }

        if (type == typeof(DateTimeOffset))
        {
            return (DataTypes.TimestampLtz(6), [TypeId.TimestampLtz]);
        }

        if (type == typeof(TimeSpan))
        {
            return (DataTypes.IntervalDayTime(6), [TypeId.IntervalDayTime]);
        }

        return null;
    }
}
