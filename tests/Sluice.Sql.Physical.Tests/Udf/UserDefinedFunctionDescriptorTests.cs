using Sluice.Core.Types;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Functions;
using Sluice.Udf.Samples;

namespace Sluice.Sql.Physical.Tests.Udf;

/// <summary>The .NET ↔ SQL type mapping, signatures and their resolution.</summary>
public sealed class UserDefinedFunctionDescriptorTests
{
    public sealed record Point(int X, int? Y, string Label, string? Note);

    [Theory]
    [InlineData(typeof(bool), "BOOLEAN NOT NULL")]
    [InlineData(typeof(sbyte), "TINYINT NOT NULL")]
    [InlineData(typeof(short?), "SMALLINT")]
    [InlineData(typeof(long), "BIGINT NOT NULL")]
    [InlineData(typeof(float), "FLOAT NOT NULL")]
    [InlineData(typeof(double?), "DOUBLE")]
    [InlineData(typeof(decimal), "DECIMAL(38, 18) NOT NULL")]
    [InlineData(typeof(string), "STRING")]
    [InlineData(typeof(byte[]), "BYTES")]
    [InlineData(typeof(DateOnly), "DATE NOT NULL")]
    [InlineData(typeof(TimeOnly), "TIME(6) NOT NULL")]
    [InlineData(typeof(DateTime), "TIMESTAMP(6) NOT NULL")]
    [InlineData(typeof(DateTimeOffset), "TIMESTAMP_LTZ(6) NOT NULL")]
    [InlineData(typeof(int[]), "ARRAY<INT NOT NULL>")]
    [InlineData(typeof(List<double?>), "ARRAY<DOUBLE>")]
    [InlineData(typeof(IReadOnlyDictionary<string, long>), "MAP<STRING, BIGINT NOT NULL>")]
    [InlineData(typeof((int, string)), "ROW<`f0` INT NOT NULL, `f1` STRING> NOT NULL")]
    public void Default_mapping_of_dotnet_types(Type type, string sql)
    {
        Assert.Equal(sql, ClrTypeMapping.Of(type).SqlType.ToString());
    }

    [Fact]
    public void Records_map_to_rows_with_the_nullability_of_their_annotations()
    {
        var mapping = ClrTypeMapping.Of(typeof(Point));

        Assert.Equal(ClrTypeMappingKind.Row, mapping.Kind);
        Assert.Equal(["X", "Y", "Label", "Note"], mapping.SqlType.Fields.Select(f => f.Name));
        Assert.Equal([false, true, false, true], mapping.SqlType.Fields.Select(f => f.DataType.IsNullable));
        Assert.True(mapping.CanCreate);
    }

    [Fact]
    public void Declared_sql_types_override_and_must_fit()
    {
        var tax = UserDefinedFunctionDescriptor.Create<PriceWithTax>();
        Assert.Equal("DECIMAL(10, 2) NOT NULL", tax.Overloads[0].Parameters[0].SqlType.ToString());
        Assert.Equal("DECIMAL(10, 2) NOT NULL", tax.Overloads[0].Result!.SqlType.ToString());

        var error = Assert.Throws<ArgumentException>(() => ClrTypeMapping.Create(typeof(string), null, DataTypes.Int(), "x"));
        Assert.Contains("does not fit the .NET type String", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolution_prefers_exact_then_narrowest_widening()
    {
        var mask = UserDefinedFunctionDescriptor.Create<Mask>();

        Assert.Equal("mask(STRING), mask(STRING, INT), mask(BIGINT)", mask.SignaturesText("mask"));
        Assert.Equal(typeof(long), mask.Resolve([DataTypes.Int()], "mask", out _)!.Parameters[0].ClrType);
        Assert.Equal(typeof(string), mask.Resolve([DataTypes.VarChar(3)], "mask", out _)!.Parameters[0].ClrType);
        Assert.Null(mask.Resolve([DataTypes.Double()], "mask", out var error));
        Assert.Contains("Invalid arguments for function mask(DOUBLE)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Definitions_carry_kind_result_types_and_null_propagation()
    {
        var mask = UserDefinedFunctionDescriptor.Create<Mask>();
        var overload = mask.Resolve([DataTypes.String().NotNull()], "mask", out _)!;
        Assert.False(mask.ResultType(overload, [DataTypes.String().NotNull()]).IsNullable);
        Assert.True(mask.ResultType(overload, [DataTypes.String()]).IsNullable);

        var split = UserDefinedFunctionDescriptor.Create<SplitWords>().ToDefinition("split_words");
        Assert.Equal(FunctionKind.Table, split.Kind);
        Assert.NotNull(split.Implementation);

        var squares = UserDefinedFunctionDescriptor.Create<Squares>();
        Assert.Equal("ROW<`i` INT NOT NULL, `square` BIGINT NOT NULL> NOT NULL", squares.Output!.SqlType.ToString());

        var average = UserDefinedFunctionDescriptor.Create<WeightedAverage>();
        Assert.Equal(FunctionKind.Aggregate, average.Kind);
        Assert.NotNull(average.Overloads[0].Retract);
        Assert.NotNull(average.Merge);
        Assert.Equal(typeof(WeightedAverageAccumulator), average.AccumulatorType);
        Assert.Null(UserDefinedFunctionDescriptor.Create<Concat>().Overloads[0].Retract);
    }
}
