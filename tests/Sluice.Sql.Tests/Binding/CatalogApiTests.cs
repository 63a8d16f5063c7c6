using Sluice.Core.Types;
using Sluice.Sql.Catalog;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Tests.Binding;

/// <summary>The catalog model used programmatically: tables, identifiers, functions, suggestions.</summary>
public class CatalogApiTests
{
    private static readonly ObjectIdentifier Id = new("c", "d", "t");

    [Fact]
    public void CatalogTable_ChecksItsInvariants()
    {
        Assert.Throws<ArgumentException>(() => new CatalogTable(Id, [CatalogColumn.Physical("a", DataTypes.Int()), CatalogColumn.Physical("a", DataTypes.Int())]));
        Assert.Throws<ArgumentException>(() => new CatalogTable(Id, [CatalogColumn.Physical("a", DataTypes.Int())],
            new WatermarkSpec("ts", SqlParser.ParseExpression("ts"), DataTypes.Timestamp(3))));
        Assert.Throws<ArgumentException>(() => new CatalogTable(Id, [CatalogColumn.Physical("a", DataTypes.Int())], primaryKey: new PrimaryKey("pk", ["b"])));
        Assert.Throws<ArgumentException>(() => new CatalogTable(Id, [CatalogColumn.Physical("a", DataTypes.Int())], partitionKeys: ["b"]));
    }

    [Fact]
    public void CatalogTable_SeparatesReadableAndWritableColumns()
    {
        var table = new CatalogTable(Id,
        [
            CatalogColumn.Physical("a", DataTypes.Int()),
            CatalogColumn.Metadata("m", DataTypes.BigInt(), "offset", isVirtual: true),
            CatalogColumn.Metadata("k", DataTypes.Bytes(), null, isVirtual: false),
            CatalogColumn.Computed("c", DataTypes.Int(), SqlParser.ParseExpression("a + 1")),
        ]);
        Assert.Equal(4, table.Schema.Count);
        Assert.Equal(["a", "k"], table.PersistedColumns.Select(c => c.Name));
        Assert.Equal("`m` BIGINT METADATA FROM 'offset' VIRTUAL", table.FindColumn("m")!.ToString());
        Assert.Equal("`c` AS `a` + 1", table.FindColumn("c")!.ToString());
    }

    [Fact]
    public void ObjectIdentifier_ResolvesPartialNamesAgainstTheCurrentDatabase()
    {
        var catalog = new InMemoryCatalog("cat", "db");
        Assert.Equal(new ObjectIdentifier("cat", "db", "t"), ObjectIdentifier.Resolve(catalog, ["t"], default));
        Assert.Equal(new ObjectIdentifier("cat", "other", "t"), ObjectIdentifier.Resolve(catalog, ["other", "t"], default));
        Assert.Equal(new ObjectIdentifier("x", "y", "t"), ObjectIdentifier.Resolve(catalog, ["x", "y", "t"], default));
        Assert.Equal("`cat`.`db`.`we``ird`", new ObjectIdentifier("cat", "db", "we`ird").ToQuotedString());
    }

    [Fact]
    public void FunctionRegistry_IsCaseInsensitive_AndProtectsBuiltIns()
    {
        var registry = new FunctionRegistry(BuiltInFunctions.All);
        Assert.Same(BuiltInFunctions.Upper, registry.Find("upper"));
        Assert.Null(registry.Find("SINGLE_VALUE"));
        Assert.Throws<ArgumentException>(() => registry.Remove("COUNT"));
        Assert.False(registry.Remove("nope"));
        Assert.Equal(registry.All.Select(f => f.Name).Order(StringComparer.Ordinal), registry.All.Select(f => f.Name));
    }

    [Fact]
    public void BuiltIns_CoverTheFunctionsOfIssue3()
    {
        string[] names =
        [
            "ABS", "MOD", "ROUND", "LOWER", "UPPER", "TRIM", "SUBSTRING", "CONCAT", "CONCAT_WS", "CHAR_LENGTH", "REPLACE", "LPAD", "RPAD",
            "REGEXP_REPLACE", "REGEXP_EXTRACT", "SPLIT_INDEX", "DATE_FORMAT", "TO_TIMESTAMP", "TO_DATE", "EXTRACT", "TIMESTAMPADD",
            "TIMESTAMPDIFF", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "PROCTIME", "COALESCE", "IF", "NULLIF", "JSON_VALUE", "JSON_QUERY",
            "MD5", "SHA1", "SHA256", "COUNT", "SUM", "AVG", "MIN", "MAX", "FIRST_VALUE", "LAST_VALUE", "LISTAGG", "STDDEV_POP",
            "STDDEV_SAMP", "VAR_POP", "VAR_SAMP", "ROW_NUMBER", "RANK", "DENSE_RANK", "TUMBLE", "HOP", "CUMULATE", "SESSION",
        ];
        var registry = new FunctionRegistry(BuiltInFunctions.All);
        Assert.All(names, n => Assert.NotNull(registry.Find(n)));
    }

    [Fact]
    public void FunctionSignature_FormatsForMessages()
    {
        Assert.Equal("SUBSTRING(<CHARACTER>, <INTEGER>[, <INTEGER>])", BuiltInFunctions.Substring.SignatureText);
        Assert.Equal("<NUMERIC> % <NUMERIC>", BuiltInFunctions.Modulo.SignatureText.Replace("EXACT_", "", StringComparison.Ordinal));
        Assert.Equal("COALESCE(<ANY|VARIANT>, ...)", BuiltInFunctions.Coalesce.SignatureText);
        Assert.Equal("CURRENT_TIMESTAMP", BuiltInFunctions.CurrentTimestamp.SignatureText);
    }

    [Theory]
    [InlineData("ShipEvnt", "ShipEvent")]
    [InlineData("shipevent", "ShipEvent")]
    [InlineData("Shipevent2", "ShipEvent")]
    public void NameSuggestions_FindCloseNames(string name, string expected) =>
        Assert.Equal([expected], NameSuggestions.Suggest(name, ["ShipEvent", "ShipRoute", "Other"]));

    [Theory]
    [InlineData("x")]
    [InlineData("Completely")]
    public void NameSuggestions_IgnoreDistantNames(string name) =>
        Assert.Empty(NameSuggestions.Suggest(name, ["ShipEvent", "ab"]));
}
