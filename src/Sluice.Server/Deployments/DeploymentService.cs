using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Sluice.Core.Errors;
using Sluice.Server.Contracts;
using Sluice.Server.Hosting;
using Sluice.Server.Security;
using Sluice.Server.Storage;
using Sluice.Sql;

namespace Sluice.Server.Deployments;

/// <summary>
/// The API's side of deployments: validates and stores specs (each change increments the generation and wakes
/// the reconciliation loop), and reads status, savepoints, events, job graphs and metrics.
/// </summary>
internal sealed partial class DeploymentService(
    MetadataStore store,
    Reconciler reconciler,
    JobLauncher launcher,
    SecretStore secrets,
    DeploymentEvents events,
    TimeProvider time)
{
    /// <summary>The largest parallelism a deployment may ask for.</summary>
    public const int MaxParallelism = 128;

    /// <summary>The defaults of an omitted restart strategy: fixed delay, 3 attempts, 10 s apart.</summary>
    public static RestartStrategySpec DefaultRestartStrategy { get; } = new(RestartStrategyKind.FixedDelay, 3, "10 s");

    /// <summary>Creates a deployment.</summary>
    public DeploymentResponse Create(CreateDeploymentRequest request)
    {
        var spec = new DeploymentSpec(
            request.Name ?? throw ApiException.BadRequest("'name' is required."),
            request.Sql ?? throw ApiException.BadRequest("'sql' is required."),
            request.Parallelism ?? 1,
            request.State ?? DesiredState.Running,
            request.RestoreStrategy ?? RestoreStrategy.LatestState,
            request.UpgradeStrategy ?? UpgradeStrategy.Stateful,
            request.CheckpointInterval ?? "10 s",
            request.RestartStrategy ?? DefaultRestartStrategy,
            request.AllowNonRestoredState ?? false);
        Validate(spec);
        var now = time.GetUtcNow();
        var phase = spec.State switch
        {
            DesiredState.Running => DeploymentPhase.Starting,
            DesiredState.Suspended => DeploymentPhase.Suspended,
            _ => DeploymentPhase.Cancelled,
        };
        var record = new DeploymentRecord(RandomNumberGenerator.GetHexString(12, lowercase: true), spec, 1, phase, "Created.", 0, 0, now, now);
        if (!store.TryInsertDeployment(record))
        {
            throw ApiException.Conflict($"A deployment named '{spec.Name}' exists already.");
        }

        events.Add(record.Id, EventKind.SpecChange, $"Created with the desired state {MetadataStore.EnumText(spec.State)}.");
        reconciler.Wake();
        return record.ToResponse();
    }

    /// <summary>Every deployment.</summary>
    public IReadOnlyList<DeploymentResponse> List() => [.. store.ListDeployments().Select(d => d.ToResponse())];

    /// <summary>One deployment.</summary>
    public DeploymentResponse Get(string id) => Find(id).ToResponse();

    /// <summary>Changes spec fields.</summary>
    public DeploymentResponse Patch(string id, PatchDeploymentRequest patch)
    {
        var current = Find(id);
        var spec = current.Spec with
        {
            Name = patch.Name ?? current.Spec.Name,
            Sql = patch.Sql ?? current.Spec.Sql,
            Parallelism = patch.Parallelism ?? current.Spec.Parallelism,
            State = patch.State ?? current.Spec.State,
            RestoreStrategy = patch.RestoreStrategy ?? current.Spec.RestoreStrategy,
            UpgradeStrategy = patch.UpgradeStrategy ?? current.Spec.UpgradeStrategy,
            CheckpointInterval = patch.CheckpointInterval ?? current.Spec.CheckpointInterval,
            RestartStrategy = patch.RestartStrategy ?? current.Spec.RestartStrategy,
            AllowNonRestoredState = patch.AllowNonRestoredState ?? current.Spec.AllowNonRestoredState,
        };
        if (spec == current.Spec)
        {
            return current.ToResponse();
        }

        if (spec.JobDiffers(current.Spec))
        {
            Validate(spec);
        }
        else
        {
            ValidateName(spec.Name);
        }

        if (spec.Name != current.Spec.Name && store.ListDeployments().Any(d => d.Id != id && d.Spec.Name == spec.Name))
        {
            throw ApiException.Conflict($"A deployment named '{spec.Name}' exists already.");
        }

        var changes = Describe(current.Spec, spec);
        var updated = store.UpdateDeployment(id, latest => latest with { Spec = spec, Generation = latest.Generation + 1 })
            ?? throw ApiException.NotFound($"There is no deployment {id}.");
        events.Add(id, EventKind.SpecChange, "Spec changed: " + changes + ".");
        reconciler.Wake();
        return updated.ToResponse();
    }

    /// <summary>Deletes a cancelled deployment with its checkpoints and savepoints.</summary>
    public void Delete(string id)
    {
        var current = Find(id);
        if (current.Spec.State != DesiredState.Cancelled || current.Phase != DeploymentPhase.Cancelled || reconciler.JobOf(id) is not null)
        {
            throw ApiException.Conflict(
                $"Deployment {id} is {MetadataStore.EnumText(current.Phase)}; only a cancelled deployment can be deleted (PATCH it with {{\"state\":\"CANCELLED\"}} first).");
        }

        store.DeleteDeployment(id);
        var folder = reconciler.StorageOf(id).RootDirectory;
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The savepoints of a deployment, newest first.</summary>
    public IReadOnlyList<SavepointResponse> Savepoints(string id) => store.ListSavepoints(Find(id).Id);

    /// <summary>The checkpoint history of a deployment (its jobs' checkpoints and savepoints, completed and failed), newest first.</summary>
    public IReadOnlyList<CheckpointResponse> Checkpoints(string id) => store.ListCheckpoints(Find(id).Id);

    /// <summary>Takes a savepoint.</summary>
    public Task<SavepointResponse> TriggerSavepointAsync(string id, CancellationToken cancellationToken) =>
        reconciler.TriggerSavepointAsync(Find(id).Id, cancellationToken);

    /// <summary>The events of a deployment, oldest first.</summary>
    public IReadOnlyList<EventResponse> Events(string id, int? limit) => store.ListEvents(Find(id).Id, Math.Clamp(limit ?? 200, 1, 1000));

    /// <summary>The running job's graph, or the graph planned from the spec when no job runs.</summary>
    public JobGraphResponse JobGraph(string id)
    {
        var record = Find(id);
        var job = reconciler.JobOf(id);
        var graph = job?.Graph;
        if (graph is null)
        {
            try
            {
                graph = launcher.Prepare(record.Spec, secrets.Resolve(record.Spec.Sql)).Plan.Graph;
            }
            catch (SluiceException ex)
            {
                throw ApiException.Conflict("The deployment's script cannot be planned: " + secrets.Redact(ex.Message));
            }
        }

        return new JobGraphResponse(graph.Name, job is not null,
            [.. graph.TopologicalOrder().Select(v => new JobOperatorResponse(v.Id, secrets.Redact(v.Name), v.Parallelism, v.IsSource))],
            [.. graph.Edges.Select(e => new JobEdgeResponse(e.Source.Id, e.Target.Id, MetadataStore.EnumText(e.Partitioner), e.TargetInput))]);
    }

    /// <summary>The running job's metrics per operator, with rates over the reconciliation loop's last sampling interval.</summary>
    public MetricsResponse Metrics(string id)
    {
        Find(id);
        var job = reconciler.JobOf(id);
        if (job is null)
        {
            return new MetricsResponse(false, [], new CheckpointMetricsResponse(0, 0, 0, 0), 0);
        }

        var snapshot = job.Client.Metrics.Snapshot();
        var previous = job.Previous;
        var latest = job.Latest;
        var seconds = previous is null || latest is null ? 0 : time.GetElapsedTime(previous.Timestamp, latest.Timestamp).TotalSeconds;
        var operators = new List<OperatorMetricsResponse>();
        foreach (var vertex in job.Graph.TopologicalOrder())
        {
            var subtasks = snapshot.Operators.Where(o => o.OperatorId == vertex.Id).ToList();
            var before = previous?.Snapshot.Operators.Where(o => o.OperatorId == vertex.Id).ToList() ?? [];
            var after = latest?.Snapshot.Operators.Where(o => o.OperatorId == vertex.Id).ToList() ?? [];
            double Rate(Func<Runtime.Metrics.OperatorMetricsSnapshot, double> value) =>
                seconds <= 0 || after.Count == 0 ? 0 : Math.Max(0, (after.Sum(value) - before.Sum(value)) / seconds);
            double Ratio(Func<Runtime.Metrics.OperatorMetricsSnapshot, TimeSpan> value) =>
                seconds <= 0 || after.Count == 0 ? 0
                : Math.Clamp((after.Sum(o => value(o).TotalSeconds) - before.Sum(o => value(o).TotalSeconds)) / (seconds * after.Count), 0, 1);
            // The operator's own watermark; an operator that emits none (a sink) shows its task's.
            var watermarks = subtasks.Select(o => o.OutputWatermark > long.MinValue ? o.OutputWatermark : o.Watermark).Where(w => w > long.MinValue).ToList();
            operators.Add(new OperatorMetricsResponse(vertex.Id, secrets.Redact(vertex.Name), subtasks.Count,
                subtasks.Sum(o => o.RecordsIn), subtasks.Sum(o => o.RecordsOut),
                Rate(o => o.RecordsIn), Rate(o => o.RecordsOut), Ratio(o => o.BackpressuredTime), Ratio(o => o.BusyTime),
                watermarks.Count == subtasks.Count && watermarks.Count > 0 ? watermarks.Min() : null));
        }

        return new MetricsResponse(true, operators,
            new CheckpointMetricsResponse(snapshot.CheckpointsCompleted, snapshot.CheckpointsFailed, snapshot.LastCheckpointMillis, snapshot.LastCheckpointBytes),
            snapshot.Restarts);
    }

    private DeploymentRecord Find(string id) => store.GetDeployment(id) ?? throw ApiException.NotFound($"There is no deployment {id}.");

    private void Validate(DeploymentSpec spec)
    {
        ValidateName(spec.Name);
        if (spec.Parallelism is < 1 or > MaxParallelism)
        {
            throw ApiException.BadRequest($"'parallelism' must be between 1 and {MaxParallelism}, not {spec.Parallelism}.");
        }

        try
        {
            SpecConversions.CheckpointInterval(spec.CheckpointInterval);
            SpecConversions.Restart(spec.RestartStrategy);
            launcher.Prepare(spec, secrets.Resolve(spec.Sql));
        }
        catch (SqlException ex)
        {
            var problem = ApiException.BadRequest("The script is not valid: " + secrets.Redact(ex.Message));
            problem.Extensions["errors"] = new[] { new SqlError(secrets.Redact(ex.Reason), ex.Line, ex.Column) };
            throw problem;
        }
        catch (SluiceException ex)
        {
            throw ApiException.BadRequest(secrets.Redact(ex.Message));
        }
    }

    private static void ValidateName(string name)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw ApiException.BadRequest($"'name' must be 1 to 100 letters, digits, '-', '_' or '.', starting with a letter or digit, not '{name}'.");
        }
    }

    private static string Describe(DeploymentSpec before, DeploymentSpec after)
    {
        var changes = new List<string>();
        if (before.Name != after.Name)
        {
            changes.Add($"name {before.Name} -> {after.Name}");
        }

        if (before.Sql != after.Sql)
        {
            changes.Add("sql");
        }

        if (before.Parallelism != after.Parallelism)
        {
            changes.Add($"parallelism {before.Parallelism} -> {after.Parallelism}");
        }

        if (before.State != after.State)
        {
            changes.Add($"state {MetadataStore.EnumText(before.State)} -> {MetadataStore.EnumText(after.State)}");
        }

        if (before.RestoreStrategy != after.RestoreStrategy)
        {
            changes.Add($"restoreStrategy -> {MetadataStore.EnumText(after.RestoreStrategy)}");
        }

        if (before.UpgradeStrategy != after.UpgradeStrategy)
        {
            changes.Add($"upgradeStrategy -> {MetadataStore.EnumText(after.UpgradeStrategy)}");
        }

        if (before.CheckpointInterval != after.CheckpointInterval)
        {
            changes.Add($"checkpointInterval {before.CheckpointInterval ?? "none"} -> {after.CheckpointInterval ?? "none"}");
        }

        if (before.RestartStrategy != after.RestartStrategy)
        {
            changes.Add("restartStrategy");
        }

        if (before.AllowNonRestoredState != after.AllowNonRestoredState)
        {
            changes.Add($"allowNonRestoredState -> {(after.AllowNonRestoredState ? "true" : "false")}");
        }

        return string.Join(", ", changes);
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex NamePattern();
}
