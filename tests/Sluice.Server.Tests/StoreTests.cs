using System.Security.Cryptography;
using Sluice.Core.Errors;
using Sluice.Server.Contracts;
using Sluice.Server.Security;
using Sluice.Server.Storage;

namespace Sluice.Server.Tests;

/// <summary>The SQLite metadata store round-trips every record and survives reopening; secrets are authenticated and redacted.</summary>
public sealed class StoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sluice-store-" + Guid.NewGuid().ToString("N"));

    public StoreTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Deployments_RoundTripAndSurviveReopening()
    {
        var spec = new DeploymentSpec("d1", "INSERT INTO t SELECT 1", 3, DesiredState.Suspended, RestoreStrategy.LatestSavepoint, UpgradeStrategy.Stateless,
            "5 s", new RestartStrategySpec(RestartStrategyKind.FailureRate, 4, "1 s", null, "1 min"));
        var now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var record = new DeploymentRecord("abc", spec, 7, DeploymentPhase.Failing, "why", 6, 2, now, now.AddDays(-1));
        var path = Path.Combine(_folder, "meta.db");
        using (var store = new MetadataStore(path))
        {
            Assert.True(store.TryInsertDeployment(record));
            Assert.False(store.TryInsertDeployment(record with { Id = "other" })); // the name is taken
            store.InsertSavepoint(new SavepointResponse("s1", "abc", 12, SavepointOrigin.RetainedCheckpoint, "/x", now));
            store.AppendEvent("abc", now, EventKind.Failure, "boom", "trace");
            store.AppendEvent("abc", now, EventKind.StateChange, "second", null);
        }

        using (var reopened = new MetadataStore(path))
        {
            Assert.Equal(record, reopened.GetDeployment("abc"));
            Assert.Equal(SavepointOrigin.RetainedCheckpoint, reopened.ListSavepoints("abc").Single().Origin);
            Assert.Equal(["boom", "second"], reopened.ListEvents("abc", 10).Select(e => e.Message));
            Assert.Equal(["second"], reopened.ListEvents("abc", 1).Select(e => e.Message));
            reopened.DeleteDeployment("abc");
            Assert.Null(reopened.GetDeployment("abc"));
            Assert.Empty(reopened.ListEvents("abc", 10));
        }
    }

    [Fact]
    public void CheckpointHistory_KeepsTheNewestPerDeployment_AcrossReopening()
    {
        var path = Path.Combine(_folder, "meta.db");
        var start = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        CheckpointResponse Checkpoint(long id) => new(id, id % 10 == 0 ? CheckpointType.Savepoint : CheckpointType.Checkpoint,
            id % 7 == 0 ? CheckpointStatus.Failed : CheckpointStatus.Completed, start.AddSeconds(id), id * 1.5, id * 100, id % 7 == 0 ? "timeout" : null);
        var total = MetadataStore.CheckpointHistorySize + 30;
        using (var store = new MetadataStore(path))
        {
            for (var id = 1L; id <= total; id += 10)
            {
                store.AppendCheckpoints("a", [.. Enumerable.Range(0, 10).Select(i => Checkpoint(id + i))]);
            }

            store.AppendCheckpoints("b", [Checkpoint(1)]);
        }

        using var reopened = new MetadataStore(path);
        var history = reopened.ListCheckpoints("a");
        Assert.Equal(MetadataStore.CheckpointHistorySize, history.Count);
        Assert.Equal(Enumerable.Range(total - MetadataStore.CheckpointHistorySize + 1, MetadataStore.CheckpointHistorySize).Reverse().Select(i => (long)i),
            history.Select(c => c.Id));
        Assert.Equal(Checkpoint(history[0].Id), history[0]);
        Assert.Equal(Checkpoint(70), history.Single(c => c.Id == 70)); // a failed savepoint keeps its kind, status and failure
        Assert.Equal([1L], reopened.ListCheckpoints("b").Select(c => c.Id));
        reopened.DeleteDeployment("a");
        Assert.Empty(reopened.ListCheckpoints("a"));
    }

    [Fact]
    public void Secrets_ResolveRedactAndRejectAnotherKey()
    {
        var path = Path.Combine(_folder, "meta.db");
        var key = SecretStore.LoadKey(null, _folder);
        Assert.Equal(key, SecretStore.LoadKey(null, _folder)); // the key file is reused
        using (var store = new MetadataStore(path))
        {
            var secrets = new SecretStore(store, key, TimeProvider.System);
            secrets.Set("pw", "it's-secret");
            Assert.Equal("'a' = 'it''s-secret'", secrets.Resolve("'a' = '${secret:pw}'"));
            Assert.Equal("failed with ****** and ******", secrets.Redact("failed with it's-secret and it''s-secret"));
            Assert.Equal(["pw", "other"], SecretStore.References("${secret:pw} ${secret:other} ${secret:pw}"));
            var missing = Assert.Throws<SluiceException>(() => secrets.Resolve("${secret:other}"));
            Assert.Contains("'other'", missing.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("it's-secret", System.Text.Encoding.UTF8.GetString(store.ListSecrets().Single().Ciphertext), StringComparison.Ordinal);
        }

        using var again = new MetadataStore(path);
        var wrong = Assert.Throws<SluiceException>(() => new SecretStore(again, RandomNumberGenerator.GetBytes(32), TimeProvider.System));
        Assert.Contains("'pw'", wrong.Message, StringComparison.Ordinal);
        Assert.Equal("it''s-secret", new SecretStore(again, key, TimeProvider.System).Resolve("${secret:pw}"));
    }
}
