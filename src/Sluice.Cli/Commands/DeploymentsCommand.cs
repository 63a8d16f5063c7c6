using System.CommandLine;
using System.Text.Json.Nodes;
using Sluice.Cli.Execution;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice deployments list|suspend|resume|cancel [ID|NAME] [--server URL]</c>: lists a server's deployments, or
/// changes one's desired state (suspend stops it with a savepoint; resume follows its restore strategy).
/// </summary>
internal sealed class DeploymentsCommand : Command
{
    /// <summary>Creates the command.</summary>
    public DeploymentsCommand(CliConsole console)
        : base("deployments", "List a Sluice server's deployments, or suspend, resume or cancel one.")
    {
        var list = new Command("list", "List the deployments with their desired state and status.");
        var connection = new ServerConnection();
        connection.AddTo(list);
        list.SetAction((result, cancellationToken) => GuardAsync(console, async () =>
        {
            using var client = connection.CreateClient(result);
            var deployments = (await ServerConnection.SendAsync(client, HttpMethod.Get, "api/v1/deployments", null, cancellationToken).ConfigureAwait(false))!.AsArray();
            var rows = deployments.Select(d => new[]
            {
                (string?)d!["id"] ?? "", (string?)d["spec"]!["name"] ?? "", d["spec"]!["parallelism"]!.ToString(), (string?)d["spec"]!["state"] ?? "",
                (string?)d["status"]!["phase"] ?? "", (string?)d["status"]!["reason"] ?? "",
            }).ToList();
            await WriteTableAsync(console.Out, ["ID", "NAME", "PARALLELISM", "DESIRED", "STATUS", "REASON"], rows).ConfigureAwait(false);
        }));
        Subcommands.Add(list);

        foreach (var (verb, state, description) in new[]
        {
            ("suspend", "SUSPENDED", "Suspend a deployment: its job stops with a savepoint."),
            ("resume", "RUNNING", "Resume a deployment: its job starts from its state (per its restore strategy)."),
            ("cancel", "CANCELLED", "Cancel a deployment's job (then it can be deleted)."),
        })
        {
            var command = new Command(verb, description);
            var target = new Argument<string>("DEPLOYMENT") { Description = "The deployment's id or name." };
            var commandConnection = new ServerConnection();
            command.Arguments.Add(target);
            commandConnection.AddTo(command);
            command.SetAction((result, cancellationToken) => GuardAsync(console, async () =>
            {
                using var client = commandConnection.CreateClient(result);
                var wanted = result.GetValue(target)!;
                var id = await FindAsync(client, wanted, cancellationToken).ConfigureAwait(false)
                    ?? throw new ServerCallException($"The server has no deployment with the id or name '{wanted}'.");
                var deployment = await ServerConnection.SendAsync(client, HttpMethod.Patch, $"api/v1/deployments/{id}", new { state }, cancellationToken).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"Deployment '{deployment?["spec"]?["name"]}' ({id}): desired {state}; status {deployment?["status"]?["phase"]}.")
                    .ConfigureAwait(false);
            }));
            Subcommands.Add(command);
        }
    }

    /// <summary>The id of the deployment whose id or name is <paramref name="idOrName"/>, or null.</summary>
    public static async Task<string?> FindAsync(HttpClient client, string idOrName, CancellationToken cancellationToken)
    {
        var deployments = (await ServerConnection.SendAsync(client, HttpMethod.Get, "api/v1/deployments", null, cancellationToken).ConfigureAwait(false))!.AsArray();
        var match = deployments.FirstOrDefault(d => (string?)d!["id"] == idOrName) ?? deployments.FirstOrDefault(d => (string?)d!["spec"]!["name"] == idOrName);
        return (string?)match?["id"];
    }

    private static async Task<int> GuardAsync(CliConsole console, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (ServerCallException ex)
        {
            await console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    private static async Task WriteTableAsync(TextWriter output, string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Min(60, rows.Select(r => r[i].Length).Append(h.Length).Max())).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => (c.Length > widths[i] ? c[..(widths[i] - 1)] + "…" : c).PadRight(widths[i]))).TrimEnd();
        await output.WriteLineAsync(Line(header)).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await output.WriteLineAsync(Line(row)).ConfigureAwait(false);
        }

        if (rows.Count == 0)
        {
            await output.WriteLineAsync("(no deployments)").ConfigureAwait(false);
        }
    }
}
