using Sluice.Sql.Physical.Session;
using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Udf;

/// <summary>
/// Functions per database, as Flink's function catalog: catalog functions live in a database, temporary functions hide
/// the catalog function of their name, temporary system functions are global and override built-ins; unqualified calls
/// resolve temporary system, built-in, temporary, catalog function in that order, qualified calls in their database;
/// <c>SHOW [USER] FUNCTIONS [FROM db]</c>, <c>DROP</c>, <c>ALTER FUNCTION</c> and <c>DESCRIBE FUNCTION</c>.
/// </summary>
public sealed class FunctionScopeTests
{
    private static readonly string Jar = UdfSqlTests.Jar;

    private static string Create(string name, string type, string scope = "") =>
        $"CREATE {scope}FUNCTION {name} AS 'Sluice.Udf.Samples.{type}' USING JAR '{Jar}';\n";

    [Fact]
    public async Task Catalog_function_lives_in_its_database_and_is_called_qualified_from_another()
    {
        var result = await SqlScriptRunner.RunAsync(Create("mask", "Mask") + """
            CREATE DATABASE db2;
            USE db2;
            SELECT default_database.mask('secret'), default_catalog.default_database.mask('secret', 1);
            """);
        Assert.Equal(["[**cret, *****t]"], result.Final);

        var session = NewSession();
        Execute(session, Create("mask", "Mask") + "CREATE DATABASE db2; USE db2;");
        var error = Assert.Throws<SqlException>(() => Execute(session, "SELECT mask('secret');"));
        Assert.StartsWith("Function 'mask' not found", error.Reason, StringComparison.Ordinal);
        Assert.Empty(Names(session, "SHOW USER FUNCTIONS;"));
        Assert.Equal(["mask"], Names(session, "SHOW USER FUNCTIONS FROM default_database;"));
        Assert.DoesNotContain("mask", Names(session, "SHOW FUNCTIONS;"));
        Assert.Contains("mask", Names(session, "SHOW FUNCTIONS IN default_catalog.default_database LIKE 'ma%';"));

        // Another function of the same name in db2 is another function.
        Execute(session, Create("mask", "Hash"));
        Assert.Equal(["mask"], Names(session, "SHOW USER FUNCTIONS;"));
        var wrong = Assert.Throws<SqlException>(() => Execute(session, "SELECT nope.mask('x');"));
        Assert.StartsWith("Function 'nope.mask' not found in database 'default_catalog.nope'", wrong.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unqualified_CREATE_FUNCTION_goes_to_the_current_database_and_a_view_keeps_its_database()
    {
        var result = await SqlScriptRunner.RunAsync("CREATE DATABASE db2;\nUSE db2;\n" + Create("mask", "Mask") + """
            CREATE VIEW masked AS SELECT mask('secret') AS m;
            USE default_database;
            SELECT * FROM db2.masked;
            """);
        Assert.Equal(["[**cret]"], result.Final);
    }

    [Fact]
    public async Task Temporary_function_hides_the_catalog_function_and_temporary_system_overrides_a_built_in()
    {
        var result = await SqlScriptRunner.RunAsync(Create("mask", "Hash") + Create("mask", "Mask", "TEMPORARY ") +
            Create("upper", "Mask", "TEMPORARY SYSTEM ") + """
            SELECT mask('secret'), upper('secret'), LOWER('AB');
            """);
        Assert.Equal(["[**cret, **cret, ab]"], result.Final);

        var session = NewSession();
        Execute(session, Create("mask", "Hash") + Create("mask", "Mask", "TEMPORARY ") + Create("upper", "Mask", "TEMPORARY SYSTEM "));
        var first = Assert.Throws<SqlException>(() => Execute(session, "DROP FUNCTION mask;"));
        Assert.Equal("A temporary function 'mask' exists; drop it first with DROP TEMPORARY FUNCTION", first.Reason);
        var again = Assert.Throws<SqlException>(() => Execute(session, Create("mask", "Mask")));
        Assert.Equal("A temporary function 'mask' exists; drop it first with DROP TEMPORARY FUNCTION", again.Reason);
        Execute(session, "DROP TEMPORARY FUNCTION mask; DROP FUNCTION mask; DROP TEMPORARY SYSTEM FUNCTION upper;");
        Assert.Empty(Names(session, "SHOW USER FUNCTIONS;"));
        Assert.Equal("UPPER", Execute(session, "DESCRIBE FUNCTION EXTENDED upper;").Result!.Rows[^1][1]!.ToString()![..5]);

        var system = Assert.Throws<SqlException>(() => Execute(session, Create("db.f", "Mask", "TEMPORARY SYSTEM ")));
        Assert.StartsWith("A temporary system function has no catalog or database", system.Reason, StringComparison.Ordinal);
        var builtIn = Assert.Throws<SqlException>(() => Execute(session, "DROP TEMPORARY SYSTEM FUNCTION upper;"));
        Assert.Equal("'UPPER' is a built-in function and cannot be dropped", builtIn.Reason);
    }

    [Fact]
    public void Drop_database_keeps_or_drops_its_functions_as_Flink()
    {
        var session = NewSession();
        Execute(session, "CREATE DATABASE db2;\n" + Create("db2.mask", "Mask") + Create("db2.tmp", "Mask", "TEMPORARY "));
        Assert.Equal(["mask", "tmp"], Names(session, "SHOW USER FUNCTIONS IN db2;"));

        var restrict = Assert.Throws<SqlException>(() => Execute(session, "DROP DATABASE db2;"));
        Assert.Contains("is not empty", restrict.Reason, StringComparison.Ordinal);
        Execute(session, "DROP DATABASE db2 CASCADE; CREATE DATABASE db2;");
        Assert.Equal(["tmp"], Names(session, "SHOW USER FUNCTIONS IN db2;"));

        var missing = Assert.Throws<SqlException>(() => Execute(session, Create("nope.f", "Mask")));
        Assert.Equal("Database 'nope' does not exist in catalog 'default_catalog'", missing.Reason);
    }

    [Fact]
    public async Task Alter_function_points_it_at_another_class_and_the_temporary_forms_are_errors()
    {
        var result = await SqlScriptRunner.RunAsync(Create("f", "Hash") + """
            ALTER FUNCTION f AS 'Sluice.Udf.Samples.Mask';
            ALTER FUNCTION IF EXISTS nope AS 'Sluice.Udf.Samples.Mask';
            SELECT f('secret');
            """);
        Assert.Equal(["[**cret]"], result.Final);

        var session = NewSession();
        Execute(session, Create("f", "Hash"));
        var temporary = Assert.Throws<SqlException>(() => Execute(session, "ALTER TEMPORARY FUNCTION f AS 'Sluice.Udf.Samples.Mask';"));
        Assert.StartsWith("Alter temporary catalog function is not supported", temporary.Reason, StringComparison.Ordinal);
        var system = Assert.Throws<SqlException>(() => Execute(session, "ALTER TEMPORARY SYSTEM FUNCTION f AS 'Sluice.Udf.Samples.Mask';"));
        Assert.StartsWith("Alter temporary system function is not supported", system.Reason, StringComparison.Ordinal);
        var missing = Assert.Throws<SqlException>(() => Execute(session, "ALTER FUNCTION g AS 'Sluice.Udf.Samples.Mask';"));
        Assert.Equal("Function 'g' does not exist in database 'default_catalog.default_database'", missing.Reason);
        Assert.Equal((1, 16), (missing.Line, missing.Column));
    }

    [Fact]
    public void Describe_function_prints_Flinks_rows()
    {
        var session = NewSession();
        Execute(session, Create("mask", "Mask", "TEMPORARY "));

        var plain = Execute(session, "DESCRIBE FUNCTION mask;").Result!;
        Assert.Equal(["info name", "info value"], plain.ColumnNames);
        Assert.Equal(
        [
            "is system function=false",
            "is temporary=true",
            "class name=Sluice.Udf.Samples.Mask",
            "function language=CSHARP",
            $"resource uris=[ResourceUri{{resourceType=JAR, uri='{Jar}'}}]",
        ], plain.Rows.Select(r => $"{r[0]}={r[1]}"));

        var extended = Execute(session, "DESC FUNCTION EXTENDED default_database.mask;").Result!;
        Assert.Equal(["kind=SCALAR", "requirements=[]", "is deterministic=true", "supports constant folding=false"],
            extended.Rows.Skip(5).Take(4).Select(r => $"{r[0]}={r[1]}"));
        Assert.Equal("signature", extended.Rows[^1][0]);

        var builtIn = Execute(session, "DESCRIBE FUNCTION upper;").Result!;
        Assert.Equal(["is system function=true", "is temporary=false"], builtIn.Rows.Select(r => $"{r[0]}={r[1]}"));

        var missing = Assert.Throws<SqlException>(() => Execute(session, "DESCRIBE FUNCTION mazk;"));
        Assert.Equal("Function 'mazk' not found; did you mean 'mask'?", missing.Reason);
    }

    [Fact]
    public void A_temporary_system_function_is_not_a_system_function_for_DESCRIBE_and_is_listed_lower_cased()
    {
        // Flink's DescribeFunctionOperation: "is system function" is true only without a catalog function behind the
        // name (a built-in); CREATE TEMPORARY SYSTEM FUNCTION registers one with its class.
        var session = NewSession();
        Execute(session, $"CREATE TEMPORARY SYSTEM FUNCTION MyMask AS 'Sluice.Udf.Samples.Mask' LANGUAGE CSHARP USING JAR '{Jar}';");
        var rows = Execute(session, "DESCRIBE FUNCTION MyMask;").Result!.Rows.Select(r => $"{r[0]}={r[1]}").ToList();
        Assert.Equal(["is system function=false", "is temporary=true", "class name=Sluice.Udf.Samples.Mask"], rows.Take(3));
        Assert.Equal(["mymask"], Names(session, "SHOW USER FUNCTIONS;"));
        Assert.Equal(["mymask"], Names(session, "SHOW FUNCTIONS ILIKE 'MYMA%';"));
        Assert.Empty(Names(session, "SHOW FUNCTIONS LIKE 'MYMA%';"));
    }

    private static SqlSession NewSession() => new(new SqlSessionOptions(SqlScriptRunner.Registry()));

    private static List<string> Names(SqlSession session, string sql) =>
        [.. Execute(session, sql).Result!.Rows.Select(r => (string)r[0]!)];

    private static SqlStatementOutcome Execute(SqlSession session, string sql)
    {
        SqlStatementOutcome? last = null;
        foreach (var statement in SqlSession.ParseScript(sql))
        {
            last = session.Execute(statement);
        }

        return last!;
    }
}
