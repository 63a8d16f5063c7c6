using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sluice.Web.Tests.Support;

namespace Sluice.Web.Tests;

[Collection(WebUiCollection.Name)]
public sealed class DeploymentTests(WebUiFixture fixture)
{
    private static string Pipeline(string name, int rowsPerSecond) => $"""
        CREATE TABLE {name}_events (
          id BIGINT, customer STRING, amount INT, ts AS LOCALTIMESTAMP, WATERMARK FOR ts AS ts - INTERVAL '2' SECOND) WITH (
          'connector' = 'datagen', 'rows-per-second' = '{rowsPerSecond}',
          'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '1000000000',
          'fields.customer.length' = '6', 'fields.amount.min' = '1', 'fields.amount.max' = '500');
        CREATE TABLE {name}_large (id BIGINT, customer STRING, amount INT) WITH ('connector' = 'blackhole');
        INSERT INTO {name}_large SELECT id, UPPER(customer), amount FROM {name}_events WHERE amount > 100;
        """;

    [Fact]
    public async Task DeployFromTheEditor_ShowsGraphAndCharts_SuspendAndResume()
    {
        var page = await fixture.Browser.NewPageAsync();
        try
        {
            await page.GotoAsync("/");
            await EditorDriver.ReplaceScriptAsync(page, Pipeline("orders", 200));
            await Assertions.Expect(page.GetByTestId("validation")).ToContainTextAsync("Valid");
            await page.GetByTestId("deploy").ClickAsync();
            await page.GetByTestId("deploy-name").FillAsync("orders-large");
            await page.Locator("dialog input[name=checkpointInterval]").FillAsync("1 s");
            await page.GetByTestId("deploy-submit").ClickAsync();

            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/deployments/[^/]+$"));
            var badge = page.Locator(".title-row .badge");
            await Assertions.Expect(badge).ToHaveTextAsync("RUNNING", new() { Timeout = 60_000 });

            // The job graph: the source, the filter/projection and the sink, connected, with live rates.
            var graph = page.GetByTestId("job-graph");
            var nodes = graph.Locator("g.node");
            await Assertions.Expect(nodes.Nth(1)).ToBeVisibleAsync();
            Assert.True(await graph.Locator("path.edge").CountAsync() >= 1, "the graph has no edges");
            Assert.Contains(await nodes.Locator(".node-name").AllTextContentsAsync(), n => n.Contains("orders_events", StringComparison.Ordinal));
            await Assertions.Expect(nodes.First.Locator(".node-metric")).ToHaveTextAsync(new Regex(@"^[1-9][\d.]*k? rec/s$"), new() { Timeout = 30_000 });

            // The charts fill as samples arrive: a positive input rate, and a checkpoint duration once one completed.
            var inputRate = page.Locator("[data-chart^='Input rate'] .chart-value");
            await Assertions.Expect(inputRate).ToHaveTextAsync(new Regex(@"^[1-9]"), new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-chart='Checkpoint duration'] .chart-value")).ToHaveTextAsync(new Regex(@"^\d+ ms$"), new() { Timeout = 30_000 });
            await Assertions.Expect(page.Locator("[data-chart='Watermark lag'] .chart-value")).ToHaveTextAsync(new Regex(@"^\d+\.\d s$"), new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByTestId("checkpoints").Locator("tbody tr .badge").First).ToHaveTextAsync("COMPLETED", new() { Timeout = 30_000 });
            Assert.True(await page.Locator("[data-chart^='Input rate'] .u-over").CountAsync() == 1, "the input chart was not drawn");
            // A window of samples for the screenshot: the charts keep one per second.
            await Assertions.Expect(page.Locator("[data-chart^='Input rate'][data-samples='8']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await page.SetViewportSizeAsync(1440, 1720);
            await EditorDriver.ScreenshotAsync(page, fixture, "deployment");
            await page.SetViewportSizeAsync(1440, 900);

            // A savepoint on request, listed with its origin.
            await page.GetByTestId("savepoint").ClickAsync();
            await Assertions.Expect(page.GetByTestId("savepoints").Locator("tbody")).ToContainTextAsync("USER_REQUEST", new() { Timeout = 30_000 });

            // The checkpoint history comes from the server: the savepoint is in it, and all of it is there right after a reload.
            var history = page.GetByTestId("checkpoints").Locator("tbody");
            await Assertions.Expect(history).ToContainTextAsync("SAVEPOINT", new() { Timeout = 30_000 });
            await page.ReloadAsync();
            await Assertions.Expect(history.Locator("tr .badge").First).ToHaveTextAsync("COMPLETED");
            await Assertions.Expect(history).ToContainTextAsync("SAVEPOINT");
            await Assertions.Expect(history).ToContainTextAsync("CHECKPOINT");

            // Suspend: the job stops with a savepoint.
            await page.GetByTestId("suspend").ClickAsync();
            await Assertions.Expect(badge).ToHaveTextAsync("SUSPENDED", new() { Timeout = 60_000 });
            await Assertions.Expect(page.GetByTestId("savepoints").Locator("tbody")).ToContainTextAsync("SUSPEND", new() { Timeout = 30_000 });
            await Assertions.Expect(nodes.First.Locator(".node-metric")).Not.ToHaveTextAsync(new Regex("rec/s"));

            // Resume: running again, and the events record both changes.
            await page.GetByTestId("resume").ClickAsync();
            await Assertions.Expect(badge).ToHaveTextAsync("RUNNING", new() { Timeout = 60_000 });
            await Assertions.Expect(page.GetByTestId("events")).ToContainTextAsync("SUSPENDED");
            await Assertions.Expect(nodes.First.Locator(".node-metric")).ToHaveTextAsync(new Regex(@"rec/s$"), new() { Timeout = 30_000 });

            // Edit the script in the editor and apply it: the spec's generation moves on and the new filter is in the script.
            var generation = page.Locator(".fact", new() { HasText = "Generation" }).Locator(".fact-value");
            var before = int.Parse((await generation.TextContentAsync())!.Split('/')[1].Trim(), CultureInfo.InvariantCulture);
            await page.GetByTestId("open-in-editor").ClickAsync();
            await Assertions.Expect(page.GetByTestId("apply")).ToBeVisibleAsync();
            await EditorDriver.ReplaceScriptAsync(page, Pipeline("orders", 200).Replace("amount > 100", "amount > 250", StringComparison.Ordinal));
            await page.GetByTestId("apply").ClickAsync();
            await Assertions.Expect(page.Locator(".sql-view")).ToContainTextAsync("amount > 250");
            await Assertions.Expect(generation).ToHaveTextAsync($"{before + 1} / {before + 1}", new() { Timeout = 60_000 });
            await Assertions.Expect(badge).ToHaveTextAsync("RUNNING", new() { Timeout = 60_000 });
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task DeploymentsList_ShowsStatus_AndSuspendsAndResumesFromTheRow()
    {
        using var http = new HttpClient { BaseAddress = fixture.Address };
        foreach (var (name, state) in new[] { ("clicks-per-user", "RUNNING"), ("payments-audit", "SUSPENDED") })
        {
            var created = await http.PostAsJsonAsync("/api/v1/deployments", new { name, sql = Pipeline(name.Replace('-', '_'), 20), state, checkpointInterval = "2 s" });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        var page = await fixture.Browser.NewPageAsync();
        try
        {
            await page.GotoAsync("/deployments");
            var clicks = page.Locator("tr[data-deployment='clicks-per-user']");
            var payments = page.Locator("tr[data-deployment='payments-audit']");
            await Assertions.Expect(clicks.Locator(".badge")).ToHaveTextAsync("RUNNING", new() { Timeout = 60_000 });
            await Assertions.Expect(payments.Locator(".badge")).ToHaveTextAsync("SUSPENDED", new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator(".summary-card.ok .summary-value")).Not.ToHaveTextAsync("0");
            await EditorDriver.ScreenshotAsync(page, fixture, "deployments");

            await clicks.GetByTestId("suspend").ClickAsync();
            await Assertions.Expect(clicks.Locator(".badge")).ToHaveTextAsync("SUSPENDED", new() { Timeout = 60_000 });
            await clicks.GetByTestId("resume").ClickAsync();
            await Assertions.Expect(clicks.Locator(".badge")).ToHaveTextAsync("RUNNING", new() { Timeout = 60_000 });

            // Cancel (confirmed), then delete: the row goes away.
            var running = page.Locator("tr[data-deployment='clicks-per-user']");
            page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
            await running.GetByTestId("cancel").ClickAsync();
            await Assertions.Expect(running.Locator(".badge")).ToHaveTextAsync("CANCELLED", new() { Timeout = 60_000 });
            await running.GetByTestId("delete").ClickAsync();
            await Assertions.Expect(running).ToHaveCountAsync(0);

            // A click on the row opens the deployment's page.
            await payments.Locator("td").First.ClickAsync();
            await Assertions.Expect(page.Locator(".deployment-title")).ToHaveTextAsync("payments-audit");
            await Assertions.Expect(page.GetByTestId("job-graph").Locator("g.node").Nth(1)).ToBeVisibleAsync();

            // Configure: a new parallelism shows in the facts and in the (planned) job graph.
            await page.GetByTestId("configure").ClickAsync();
            await page.Locator("dialog input[name=parallelism]").FillAsync("3");
            await page.Locator("dialog input[name=allowNonRestoredState]").CheckAsync();
            await page.GetByTestId("configure-submit").ClickAsync();
            await Assertions.Expect(page.Locator(".fact", new() { HasText = "Parallelism" }).Locator(".fact-value")).ToHaveTextAsync("3");
            await Assertions.Expect(page.Locator(".fact", new() { HasText = "Restore / upgrade" }).Locator(".fact-value"))
                .ToContainTextAsync("non-restored state allowed");
            var listed = await http.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/api/v1/deployments");
            Assert.True((bool)listed!.Single(d => (string?)d!["spec"]!["name"] == "payments-audit")!["spec"]!["allowNonRestoredState"]!);
            await Assertions.Expect(page.GetByTestId("job-graph").Locator(".node-par-text").First).ToHaveTextAsync("×3");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
