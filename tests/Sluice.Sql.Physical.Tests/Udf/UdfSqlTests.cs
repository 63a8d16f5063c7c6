using System.Security.Cryptography;
using System.Text;
using Sluice.Sql.Ast;
using Sluice.Sql.Physical.Session;
using Sluice.Sql.Physical.Tests.EndToEnd;
using Sluice.Udf.Samples;

namespace Sluice.Sql.Physical.Tests.Udf;

/// <summary>C# functions through SQL scripts: CREATE FUNCTION ... USING JAR, calls, table functions, aggregates, errors.</summary>
public sealed class UdfSqlTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-udf-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The built sample assembly, next to the tests.</summary>
    internal static string Jar => Path.Combine(AppContext.BaseDirectory, "Sluice.Udf.Samples.dll");

    private string People()
    {
        var path = Path.Combine(_directory, "people.csv");
        File.WriteAllLines(path,
        [
            "1,alice,4111111111111111,the quick brown fox,10,1,2024-01-01 10:00:00",
            "2,bob,5500000000000004,NULL,25,2,2024-01-01 10:00:01",
            "3,alice,NULL,hello world,7,3,2024-01-01 10:00:02",
            "4,carol,378282246310005,a b,40,NULL,2024-01-01 10:06:00",
        ]);
        return $"""
            CREATE TABLE People (id INT, name STRING, card STRING, bio STRING, amount INT, weight INT, ts TIMESTAMP(3),
              WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
            WITH ('connector' = 'filesystem', 'path' = '{path}', 'format' = 'csv', 'csv.null-literal' = 'NULL');

            """;
    }

    private static string Create(string name, string type, string? jar = null) =>
        $"CREATE FUNCTION {name} AS 'Sluice.Udf.Samples.{type}' USING JAR '{jar ?? Jar}';\n";

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Scalar_function_in_select_and_where_with_nulls_and_overloads(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(People() + Create("mask", "Mask") + """
            SELECT id, mask(card) AS card, mask(card, 2) AS two, mask(amount) AS digits FROM People WHERE mask(name, 0) <> '***';
            """, parallelism: parallelism);

        Assert.Equal(
        [
            "[1, ************1111, **************11, ##]",
            "[3, NULL, NULL, #]",
            "[4, ***********0005, *************05, ##]",
        ], result.Final);
    }

    [Fact]
    public async Task Overload_resolution_widens_arguments_as_Flink_does()
    {
        var result = await SqlScriptRunner.RunAsync(Create("mask", "Mask") + """
            SELECT mask(CAST(5 AS TINYINT)), mask(CAST(123 AS SMALLINT)), mask(CAST('abcdef' AS CHAR(6)), CAST(1 AS TINYINT)), mask(CAST(NULL AS STRING));
            """);

        Assert.Equal(["[#, ###, *****f, NULL]"], result.Final);
    }

    [Fact]
    public async Task Call_that_fits_no_signature_is_a_positioned_error_listing_the_signatures()
    {
        var error = await Assert.ThrowsAsync<SqlException>(() => SqlScriptRunner.RunAsync(Create("mask", "Mask") + "SELECT\n  mask(1.5);"));

        Assert.Equal(3, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Contains("mask(DECIMAL(2, 1))", error.Reason, StringComparison.Ordinal);
        Assert.Contains("mask(STRING), mask(STRING, INT), mask(BIGINT)", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Untyped_null_that_fits_several_overloads_is_ambiguous()
    {
        var error = await Assert.ThrowsAsync<SqlException>(() => SqlScriptRunner.RunAsync(Create("mask", "Mask") + "SELECT mask(NULL);"));

        Assert.Contains("ambiguous", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nullable_parameter_receives_null_and_Open_reads_the_job_parameters()
    {
        var closedBefore = Hash.CloseCount;
        var result = await SqlScriptRunner.RunAsync(People() + Create("hash", "Hash") + """
            SET 'hash.salt' = 'pepper';
            SELECT id, hash(bio) FROM People WHERE id <= 2;
            """);

        var expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("pepperthe quick brown fox")))[..16].ToLowerInvariant();
        Assert.Equal([$"[1, {expected}]", "[2, null]"], result.Final);
        Assert.True(Hash.CloseCount > closedBefore, "Close was not called when the job ended");
    }

    [Fact]
    public async Task Decimal_temporal_and_nested_types_map_both_ways()
    {
        var result = await SqlScriptRunner.RunAsync(Create("tax", "PriceWithTax") + Create("shapes", "Shapes") + """
            SELECT tax(CAST(10.00 AS DECIMAL(10, 2)), 0.19),
                   CARDINALITY(shapes(t)), shapes(t)[3],
                   shapes(ARRAY['a', 'b', 'a'])['a'],
                   shapes(shapes(t, TRUE)),
                   CAST(shapes(DATE '2024-01-31', 1) AS STRING), shapes(DATE '2024-01-31', CAST(NULL AS INT))
            FROM (VALUES ('x y zz')) AS v(t);
            """);

        Assert.Equal(["[11.90, 3, zz, 2, 5, 2024-02-01, NULL]"], result.Final);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Lateral_table_function_inner_join(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(People() + Create("split_words", "SplitWords") + """
            SELECT id, word, pos FROM People, LATERAL TABLE(split_words(bio)) AS T(word, pos) WHERE id <> 1 OR pos < 2;
            """, parallelism: parallelism);

        Assert.Equal(["[1, quick, 1]", "[1, the, 0]", "[3, hello, 0]", "[3, world, 1]", "[4, a, 0]", "[4, b, 1]"], result.Final);
    }

    [Fact]
    public async Task Lateral_table_function_left_join_keeps_rows_without_output()
    {
        var result = await SqlScriptRunner.RunAsync(People() + Create("split_words", "SplitWords") + """
            SELECT p.id, t.Word, t.Position
            FROM People AS p LEFT JOIN LATERAL TABLE(split_words(p.bio)) AS t ON TRUE
            WHERE p.id IN (2, 4);
            """);

        Assert.Equal(["[2, NULL, NULL]", "[4, a, 0]", "[4, b, 1]"], result.Final);
    }

    [Fact]
    public async Task Table_functions_that_return_rows_declare_row_types_or_produce_single_values()
    {
        var result = await SqlScriptRunner.RunAsync(Create("split_words", "SplitWords") + Create("squares", "Squares") + Create("letters", "Letters") + """
            SELECT n, i, square, w.Word, l.f0
            FROM (VALUES (2)) AS v(n)
            CROSS JOIN LATERAL TABLE(squares(n))
            CROSS JOIN LATERAL TABLE(split_words('x;y', ';')) AS w
            CROSS JOIN LATERAL TABLE(letters(w.Word)) AS l;
            """);

        Assert.Equal(["[2, 1, 1, x, x]", "[2, 1, 1, y, y]", "[2, 2, 4, x, x]", "[2, 2, 4, y, y]"], result.Final);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Aggregate_function_in_group_by(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(People() + Create("weighted_avg", "WeightedAverage") + """
            SELECT name, weighted_avg(amount, weight) AS wavg FROM People GROUP BY name;
            """, parallelism: parallelism);

        Assert.Equal(["[alice, 7.75]", "[bob, 25]", "[carol, NULL]"], result.Final);
    }

    [Fact]
    public async Task Aggregate_function_over_an_updating_input_retracts()
    {
        var result = await SqlScriptRunner.RunAsync(People() + Create("weighted_avg", "WeightedAverage") + """
            SELECT cnt, weighted_avg(total, cnt) AS wavg
            FROM (SELECT name, COUNT(*) AS cnt, SUM(amount) AS total FROM (SELECT * FROM People UNION ALL SELECT * FROM People) GROUP BY name)
            GROUP BY cnt;
            """);

        Assert.Equal(["[2, 65]", "[4, 34]"], result.Final);
        Assert.Contains(result.Changelog, line => line.StartsWith("-U", StringComparison.Ordinal) || line.StartsWith("-D", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Aggregate_function_without_retract_fails_on_an_updating_input()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SqlScriptRunner.RunAsync(People() + Create("concat_all", "Concat") + """
            SELECT cnt, concat_all(name)
            FROM (SELECT name, COUNT(*) AS cnt FROM (SELECT * FROM People UNION ALL SELECT * FROM People) GROUP BY name)
            GROUP BY cnt;
            """));

        Assert.Contains("has no Retract method", Messages(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aggregate_function_with_nullable_parameter_sees_nulls_and_supports_filter()
    {
        var result = await SqlScriptRunner.RunAsync(People() + Create("concat_all", "Concat") + """
            SELECT concat_all(card) FILTER (WHERE id < 4) AS cards FROM People;
            """);

        Assert.Equal(["[4111111111111111|5500000000000004|-]"], result.Final);
    }

    [Fact]
    public async Task Aggregate_function_with_distinct_and_in_hopping_windows()
    {
        var distinct = await SqlScriptRunner.RunAsync(People() + Create("concat_all", "Concat") + """
            SELECT concat_all(DISTINCT name) AS names FROM People;
            """);
        Assert.Equal(["[alice|bob|carol]"], distinct.Final);

        var hop = await SqlScriptRunner.RunAsync(People() + Create("weighted_avg", "WeightedAverage") + """
            SELECT window_start, weighted_avg(amount, weight) AS wavg
            FROM TABLE(HOP(TABLE People, DESCRIPTOR(ts), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))
            GROUP BY window_start, window_end;
            """, parallelism: 2);
        Assert.Equal(["[2024-01-01 09:55:00, 13.5]", "[2024-01-01 10:00:00, 13.5]", "[2024-01-01 10:05:00, NULL]"], hop.Final);
    }

    [Fact]
    public async Task Aggregate_function_in_tumbling_and_session_windows_and_over()
    {
        var tumble = await SqlScriptRunner.RunAsync(People() + Create("weighted_avg", "WeightedAverage") + """
            SELECT window_start, weighted_avg(amount, weight) AS wavg
            FROM TABLE(TUMBLE(TABLE People, DESCRIPTOR(ts), INTERVAL '5' MINUTES))
            GROUP BY window_start, window_end;
            """);
        Assert.Equal(["[2024-01-01 10:00:00, 13.5]", "[2024-01-01 10:05:00, NULL]"], tumble.Final);
        Assert.All(tumble.Changelog, line => Assert.StartsWith("+I", line, StringComparison.Ordinal));

        var session = await SqlScriptRunner.RunAsync(People() + Create("weighted_avg", "WeightedAverage") + """
            SELECT name, weighted_avg(amount, weight) AS wavg
            FROM TABLE(SESSION(TABLE People PARTITION BY name, DESCRIPTOR(ts), INTERVAL '1' MINUTES))
            GROUP BY name, window_start, window_end;
            """);
        Assert.Equal(["[alice, 7.75]", "[bob, 25]", "[carol, NULL]"], session.Final);

        var over = await SqlScriptRunner.RunAsync(People() + Create("weighted_avg", "WeightedAverage") + """
            SELECT id, weighted_avg(amount, weight) OVER (PARTITION BY name ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS wavg
            FROM People;
            """);
        Assert.Equal(["[1, 10]", "[2, 25]", "[3, 7.75]", "[4, NULL]"], over.Final);
    }

    [Fact]
    public async Task Failing_function_fails_the_job_naming_the_function()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SqlScriptRunner.RunAsync(
            "CREATE FUNCTION fails AS 'Sluice.Udf.Samples.Invalid.Fails' USING JAR '" + Jar + "';\n" +
            "SELECT fails(x) FROM (VALUES (1), (-1)) AS v(x);"));

        var messages = Messages(error);
        Assert.Contains("fails", messages, StringComparison.Ordinal);
        Assert.Contains("negative: -1", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_drop_and_recreate_functions()
    {
        var session = NewSession();
        Execute(session, Create("mask", "Mask"));
        Execute(session, "CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS Hash AS 'Sluice.Udf.Samples.Hash' LANGUAGE CSHARP USING JAR '" + Jar + "';");
        Execute(session, "CREATE FUNCTION IF NOT EXISTS mask AS 'Sluice.Udf.Samples.Hash';");

        var listed = Execute(session, "SHOW USER FUNCTIONS;").Result!.Rows.Select(r => (string)r[0]!).ToList();
        // As Flink: user function names are normalized to lower case.
        Assert.Equal(["hash", "mask"], listed);
        Assert.Contains("mask", Execute(session, "SHOW FUNCTIONS;").Result!.Rows.Select(r => (string)r[0]!));

        var duplicate = Assert.Throws<SqlException>(() => Execute(session, Create("MASK", "Mask")));
        Assert.Equal(SqlErrorCode.AlreadyExists, duplicate.Code);

        Execute(session, "DROP FUNCTION mask;");
        var gone = Assert.Throws<SqlException>(() => Execute(session, "SELECT mask('x');"));
        Assert.Contains("Function 'mask' not found", gone.Reason, StringComparison.Ordinal);
        Execute(session, "DROP FUNCTION IF EXISTS mask;");
        Execute(session, "DROP TEMPORARY SYSTEM FUNCTION Hash;");
        Assert.Empty(Execute(session, "SHOW USER FUNCTIONS;").Result!.Rows);
    }

    [Fact]
    public void Explain_shows_the_function_calls_and_the_correlation()
    {
        var session = NewSession();
        Execute(session, Create("split_words", "SplitWords") + Create("mask", "Mask"));

        var plan = (string)Execute(session, """
            EXPLAIN SELECT mask(t), w.Word FROM (VALUES ('a b')) AS v(t), LATERAL TABLE(split_words(t)) AS w;
            """).Result!.Rows[0][0]!;

        Assert.Contains("TableFunctionScan(call=[split_words(", plan, StringComparison.Ordinal);
        Assert.Contains("Correlate(type=[INNER]), changelogMode=[I]", plan, StringComparison.Ordinal);
        Assert.Contains("mask(", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Class_is_found_without_USING_JAR_through_the_session_option_and_relative_paths()
    {
        var directory = Path.Combine(_directory, "lib");
        Directory.CreateDirectory(directory);
        File.Copy(Jar, Path.Combine(directory, "functions.dll"));
        var result = await SqlScriptRunner.RunAsync("""
            SET 'sluice.function-assemblies' = 'lib/functions.dll';
            CREATE FUNCTION mask AS 'Sluice.Udf.Samples.Mask';
            CREATE FUNCTION mask2 AS 'Sluice.Udf.Samples.Mask' USING JAR 'lib/functions.dll';
            SELECT mask('secret'), mask2('secret', 1);
            """, directory: _directory);

        Assert.Equal(["[**cret, *****t]"], result.Final);
    }

    [Fact]
    public void Assembly_loaded_from_another_directory_shares_the_function_types_of_the_host()
    {
        var copy = Path.Combine(_directory, "copy", "Sluice.Udf.Samples.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(Jar, copy);
        var session = NewSession();
        Execute(session, Create("split_words", "SplitWords", copy));

        var function = session.Catalog.FindFunction("split_words")!;
        Assert.NotNull(function.Implementation);
        Assert.Equal(copy, function.Implementation!.FunctionType.Assembly.Location);
        Assert.NotSame(typeof(SplitWords), function.Implementation.FunctionType);
        Assert.True(typeof(Sluice.Sql.Functions.UserDefinedFunction).IsAssignableFrom(function.Implementation.FunctionType));
    }

    [Theory]
    [InlineData("Sluice.Udf.Samples.Invalid.NoEval", "has no public Eval method")]
    [InlineData("Sluice.Udf.Samples.Invalid.AbstractFunction", "is abstract")]
    [InlineData("Sluice.Udf.Samples.Invalid.NotAFunction", "is not a function: it must derive from Sluice.Sql.Functions.ScalarFunction")]
    [InlineData("Sluice.Udf.Samples.Invalid.VoidEval", "returns nothing")]
    [InlineData("Sluice.Udf.Samples.Invalid.ObjectParameter", "the .NET type Object of parameter 'value' of Sluice.Udf.Samples.Invalid.ObjectParameter.Eval(Object) has no SQL type")]
    public void Unusable_classes_are_rejected_naming_the_class_assembly_and_problem(string className, string problem)
    {
        var error = Assert.Throws<SqlException>(() => Execute(NewSession(), $"CREATE FUNCTION f AS '{className}' USING JAR '{Jar}';"));

        Assert.Equal(SqlErrorCode.ValidationError, error.Code);
        Assert.Contains($"Class '{className}' from Sluice.Udf.Samples.dll cannot be used as a function", error.Reason, StringComparison.Ordinal);
        Assert.Contains(problem, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_class_lists_the_function_classes_of_the_assembly()
    {
        var error = Assert.Throws<SqlException>(() => Execute(NewSession(), $"CREATE FUNCTION f AS 'Sluice.Udf.Samples.Masks' USING JAR '{Jar}';"));

        Assert.Equal(SqlErrorCode.NotFound, error.Code);
        Assert.Contains("Class 'Sluice.Udf.Samples.Masks' not found in Sluice.Udf.Samples", error.Reason, StringComparison.Ordinal);
        Assert.Contains("did you mean 'Sluice.Udf.Samples.Mask'", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("USING JAR 'missing/functions.dll'", "The assembly 'missing/functions.dll' was not found")]
    [InlineData("USING JAR 'udf.jar'", "is a Java archive")]
    [InlineData("LANGUAGE JAVA", "LANGUAGE JAVA is not supported")]
    [InlineData("LANGUAGE PYTHON", "LANGUAGE PYTHON is not supported")]
    public void Assemblies_and_languages_that_cannot_be_loaded_are_errors(string clause, string message)
    {
        var error = Assert.Throws<SqlException>(() => Execute(NewSession(), $"CREATE FUNCTION f AS 'Sluice.Udf.Samples.Mask' {clause};"));

        Assert.Contains(message, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_function_with_a_built_in_name_is_called_qualified_as_in_Flink()
    {
        // As Flink's resolution order: built-in functions come before catalog functions for an unqualified call.
        var result = await SqlScriptRunner.RunAsync(Create("upper", "Mask") + "SELECT upper('secret'), default_database.upper('secret');");

        Assert.Equal(["[SECRET, **cret]"], result.Final);
    }

    [Fact]
    public void Create_function_parses_and_formats_language_csharp()
    {
        var statement = (CreateFunctionStatement)SqlParser.ParseStatement("CREATE FUNCTION f AS 'A.B' LANGUAGE CSHARP USING JAR 'x.dll'");

        Assert.Equal(FunctionLanguage.CSharp, statement.Language);
        Assert.Equal("CREATE FUNCTION f AS 'A.B' LANGUAGE CSHARP USING JAR 'x.dll'", SqlFormatter.Format(statement));
    }

    private static SqlSession NewSession() => new(new SqlSessionOptions(SqlScriptRunner.Registry()));

    private static SqlStatementOutcome Execute(SqlSession session, string sql)
    {
        SqlStatementOutcome? last = null;
        foreach (var statement in SqlSession.ParseScript(sql))
        {
            last = session.Execute(statement);
        }

        return last!;
    }

    private static string Messages(Exception error)
    {
        var text = new StringBuilder();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            text.AppendLine(e.Message);
        }

        return text.ToString();
    }
}
