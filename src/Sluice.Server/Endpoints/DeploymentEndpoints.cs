using Sluice.Server.Contracts;
using Sluice.Server.Deployments;
using Sluice.Server.OpenApi;

namespace Sluice.Server.Endpoints;

/// <summary>Deployments: create, list, read, change, delete; their savepoints, checkpoints, events, job graph and metrics.</summary>
internal static class DeploymentEndpoints
{
    private const string Base = "/api/v1/deployments";

    /// <summary>The operations.</summary>
    public static IEnumerable<ApiOperation> Operations() =>
    [
        new("POST", Base, "createDeployment", "Creates a deployment; the reconciliation loop moves its job to the desired state.", Role.Editor,
            (CreateDeploymentRequest body, DeploymentService service) =>
            {
                var created = service.Create(body);
                return Results.Created($"{Base}/{created.Id}", created);
            })
        { Request = typeof(CreateDeploymentRequest), Response = typeof(DeploymentResponse), Status = StatusCodes.Status201Created },
        new("GET", Base, "listDeployments", "Lists the deployments with their spec and status.", Role.Viewer,
            (DeploymentService service) => Results.Ok(service.List()))
        { Response = typeof(IReadOnlyList<DeploymentResponse>) },
        new("GET", Base + "/{id}", "getDeployment", "A deployment's spec and status.", Role.Viewer,
            (string id, DeploymentService service) => Results.Ok(service.Get(id)))
        { Response = typeof(DeploymentResponse) },
        new("PATCH", Base + "/{id}", "patchDeployment",
            "Changes spec fields, e.g. {\"state\":\"SUSPENDED\"}; a changed script or parallelism of a running job follows the upgrade strategy.", Role.Editor,
            (string id, PatchDeploymentRequest body, DeploymentService service) => Results.Ok(service.Patch(id, body)))
        { Request = typeof(PatchDeploymentRequest), Response = typeof(DeploymentResponse) },
        new("DELETE", Base + "/{id}", "deleteDeployment", "Deletes a cancelled deployment with its checkpoints and savepoints.", Role.Editor,
            (string id, DeploymentService service) =>
            {
                service.Delete(id);
                return Results.NoContent();
            })
        { Status = StatusCodes.Status204NoContent },
        new("GET", Base + "/{id}/savepoints", "listSavepoints", "A deployment's savepoints, newest first.", Role.Viewer,
            (string id, DeploymentService service) => Results.Ok(service.Savepoints(id)))
        { Response = typeof(IReadOnlyList<SavepointResponse>) },
        new("GET", Base + "/{id}/checkpoints", "listCheckpoints",
            $"A deployment's checkpoint history, newest first: its jobs' checkpoints and savepoints, completed and failed (the newest {Storage.MetadataStore.CheckpointHistorySize}, kept across restarts).",
            Role.Viewer, (string id, DeploymentService service) => Results.Ok(service.Checkpoints(id)))
        { Response = typeof(IReadOnlyList<CheckpointResponse>) },
        new("POST", Base + "/{id}/savepoints", "triggerSavepoint", "Takes a savepoint of the running job (origin USER_REQUEST).", Role.Editor,
            async (string id, DeploymentService service, CancellationToken cancellationToken) =>
            {
                var savepoint = await service.TriggerSavepointAsync(id, cancellationToken).ConfigureAwait(false);
                return Results.Created($"{Base}/{id}/savepoints", savepoint);
            })
        { Response = typeof(SavepointResponse), Status = StatusCodes.Status201Created },
        new("GET", Base + "/{id}/events", "listEvents", "A deployment's events (status changes, spec changes, savepoints, failures), oldest first.",
            Role.Viewer, (string id, int? limit, DeploymentService service) => Results.Ok(service.Events(id, limit)))
        { Response = typeof(IReadOnlyList<EventResponse>), Query = [("limit", "integer", "The newest events to return (default 200, at most 1000).")] },
        new("GET", Base + "/{id}/job", "getJobGraph", "The job graph: operators with their parallelism, and edges.", Role.Viewer,
            (string id, DeploymentService service) => Results.Ok(service.JobGraph(id)))
        { Response = typeof(JobGraphResponse) },
        new("GET", Base + "/{id}/metrics", "getMetrics",
            "Per operator: records in/out and rates, backpressure and busy ratio, watermark; checkpoints: count, last duration and size.", Role.Viewer,
            (string id, DeploymentService service) => Results.Ok(service.Metrics(id)))
        { Response = typeof(MetricsResponse) },
    ];
}
