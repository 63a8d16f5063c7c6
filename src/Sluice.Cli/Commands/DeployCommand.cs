using System.CommandLine;
using Sluice.Cli.Execution;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice deploy FILE.sql [--server URL] [--name N] [--parallelism N] [--checkpoint-interval 10s] [--suspended]</c>:
/// creates a deployment of the script on a server (or, when one with the name exists, updates its script and
/// parallelism, which follows its upgrade strategy) and prints its id.
/// </summary>
internal sealed class DeployCommand : Command
{
    /// <summary>Creates the command.</summary>
    public DeployCommand(CliConsole console)
        : base("deploy", "Deploy a SQL script (its INSERTs as one job) to a Sluice server.")
    {
        var connection = new ServerConnection();
        var file = new Argument<string>("FILE") { Description = "The SQL script." };
        var name = new Option<string?>("--name") { Description = "The deployment's name (default: the file name without extension).", HelpName = "NAME" };
        var parallelism = new Option<int?>("--parallelism", "-p") { Description = "The parallelism of every operator (default 1).", HelpName = "N" };
        var interval = new Option<string?>("--checkpoint-interval") { Description = "The checkpoint interval, e.g. 10s (default 10 s).", HelpName = "DURATION" };
        var suspended = new Option<bool>("--suspended") { Description = "Create the deployment suspended instead of running." };
        Arguments.Add(file);
        Options.Add(name);
        Options.Add(parallelism);
        Options.Add(interval);
        Options.Add(suspended);
        connection.AddTo(this);

        SetAction(async (result, cancellationToken) =>
        {
            var path = console.ResolvePath(result.GetValue(file)!);
            string sql;
            try
            {
                sql = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await console.Error.WriteLineAsync($"{result.GetValue(file)}: cannot be read: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            var deploymentName = result.GetValue(name) ?? Path.GetFileNameWithoutExtension(path);
            try
            {
                using var client = connection.CreateClient(result);
                var existing = await DeploymentsCommand.FindAsync(client, deploymentName, cancellationToken).ConfigureAwait(false);
                var body = new Dictionary<string, object?> { ["name"] = deploymentName, ["sql"] = sql };
                if (result.GetValue(parallelism) is { } p)
                {
                    body["parallelism"] = p;
                }

                if (result.GetValue(interval) is { } i)
                {
                    body["checkpointInterval"] = i;
                }

                if (result.GetValue(suspended))
                {
                    body["state"] = "SUSPENDED";
                }

                var deployment = existing is null
                    ? await ServerConnection.SendAsync(client, HttpMethod.Post, "api/v1/deployments", body, cancellationToken).ConfigureAwait(false)
                    : await ServerConnection.SendAsync(client, HttpMethod.Patch, $"api/v1/deployments/{existing}", body, cancellationToken).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"{(existing is null ? "Created" : "Updated")} deployment '{deploymentName}' ({deployment?["id"]}): desired {deployment?["spec"]?["state"]}, status {deployment?["status"]?["phase"]}.")
                    .ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (ServerCallException ex)
            {
                await console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        });
    }
}
