namespace Sluice.Sql.Physical.Tests.Golden;

/// <summary>The pieces of the golden runner that decide pass or fail: changelog materialization, the .out format, markers.</summary>
public sealed class GoldenFrameworkTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-golden-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Materialize_AppliesRetractions_AndKeepsDuplicates()
    {
        var rows = GoldenChangelog.Materialize(["+I[b, 1]", "+I[a, 1]", "-U[b, 1]", "+U[b, 2]", "+I[a, 1]", "+I[c, 1]", "-D[c, 1]"]);

        Assert.Equal(["[a, 1]", "[a, 1]", "[b, 2]"], rows);
    }

    [Fact]
    public void Materialize_AcceptsARetractionBeforeItsInsertion_FromAnotherSubtask()
    {
        Assert.Equal(["[x]"], GoldenChangelog.Materialize(["-U[y]", "+I[x]", "+I[y]"]));
    }

    [Fact]
    public void Materialize_RejectsMoreRetractionsThanInsertions()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GoldenChangelog.Materialize(["+I[a]", "-D[a]", "-D[a]"]));

        Assert.Contains("[a] (-1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Materialize_SortsOrdinally()
    {
        Assert.Equal(["[NULL]", "[a, 10]", "[a, 1]", "[b]"], GoldenChangelog.Materialize(["+I[b]", "+I[a, 1]", "+I[a, 10]", "+I[NULL]"]));
    }

    [Fact]
    public void Expectation_RoundTrips_ThroughItsFile()
    {
        var path = Path.Combine(_directory, "case.out");
        var written = new GoldenExpectation("Project(exprs=[a])\n  TableScan(table=[T])", ["[1]", "[2]"], ["+I[1]", "+I[2]"]);

        written.Write(path);
        var read = GoldenExpectation.Read(path);

        Assert.Equal(written.Plan, read.Plan);
        Assert.Equal(written.Rows, read.Rows);
        Assert.Equal(written.Changelog, read.Changelog);
    }

    [Fact]
    public void Expectation_WithAnEmptyResult_HasAnEmptyRowsSection()
    {
        var path = Path.Combine(_directory, "empty.out");
        File.WriteAllText(path, "-- plan\nValues(tuples=[])\n-- rows\n");

        var read = GoldenExpectation.Read(path);

        Assert.Equal("Values(tuples=[])", read.Plan);
        Assert.Empty(read.Rows!);
        Assert.Null(read.Changelog);
    }

    [Fact]
    public void Expectation_RejectsTextOutsideOfSections()
    {
        var path = Path.Combine(_directory, "bad.out");
        File.WriteAllText(path, "[1]\n-- rows\n[1]\n");

        Assert.Throws<InvalidDataException>(() => GoldenExpectation.Read(path));
    }

    [Fact]
    public void Markers_AreReadFromCommentLines()
    {
        var pending = new GoldenCase("x", "x.sql", "-- what it computes\n-- pending: waits for the window operator\nSELECT 1;");
        var exact = new GoldenCase("y", "y.sql", "-- exact-changelog\nSELECT 'pending: no';");

        Assert.Equal("pending: waits for the window operator", pending.PendingReason);
        Assert.False(pending.ExactChangelog);
        Assert.Null(exact.PendingReason);
        Assert.True(exact.ExactChangelog);
    }
}
